//! Where the bytes of files live: a directory on this machine by default, any S3-compatible
//! store by configuration, behind one `object_store` interface. The store only ever sees
//! opaque keys (`blobs/<id>`); names, owners and rights live in the database. Bytes are
//! streamed both ways, hashed (SHA-256) on the way in, and a file larger than the limit is
//! refused before it is kept.

use crate::config::{Config, StorageKind};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{
    GetOptions, GetRange, GetResultPayload, ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart,
};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Bytes gathered before a file goes to the store as one request; larger files go as a
/// multipart upload in parts of this size (S3 wants at least 5 MiB a part).
const PART_BYTES: usize = 8 << 20;
/// Parts in flight at once during a multipart upload.
const PARTS_IN_FLIGHT: usize = 2;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// Over the size limit (of the file or of the quota left): nothing was kept.
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// The request body broke off: nothing was kept.
    #[error("upload interrupted: {0}")]
    Interrupted(String),
    #[error("no such blob")]
    NotFound,
    /// The store failed (unreachable, refused): the cause is logged, never shown.
    #[error("file store: {0}")]
    Store(String),
}

impl From<object_store::Error> for StorageError {
    fn from(e: object_store::Error) -> Self {
        match e {
            object_store::Error::NotFound { .. } => Self::NotFound,
            other => Self::Store(other.to_string()),
        }
    }
}

/// Bytes a download reads from a local file at a time: large enough that the hops to the
/// blocking pool do not count, small enough that a slow reader holds little.
const READ_CHUNK: u64 = 256 * 1024;

/// The bytes `range` of a local blob, read `READ_CHUNK` at a time on the blocking pool.
fn file_chunks(
    file: std::fs::File,
    range: std::ops::Range<u64>,
) -> futures_util::stream::BoxStream<'static, Result<Bytes, StorageError>> {
    futures_util::stream::try_unfold(
        (file, range.start, range.end),
        |(file, at, end)| async move {
            if at >= end {
                return Ok(None);
            }
            let want = (end - at).min(READ_CHUNK);
            let (file, buf) = tokio::task::spawn_blocking(move || {
                use std::io::{Read, Seek, SeekFrom};
                let mut file = file;
                file.seek(SeekFrom::Start(at))?;
                let mut buf = vec![0; usize::try_from(want).unwrap_or(usize::MAX)];
                file.read_exact(&mut buf)?;
                Ok::<_, std::io::Error>((file, buf))
            })
            .await
            .map_err(|e| StorageError::Store(e.to_string()))?
            .map_err(|e| StorageError::Store(e.to_string()))?;
            Ok(Some((Bytes::from(buf), (file, at + want, end))))
        },
    )
    .boxed()
}

/// A blob as it was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
    /// The first bytes (up to `HEAD_BYTES`), to check the type a name claims.
    pub head: Vec<u8>,
}

/// How many first bytes `Stored::head` keeps.
pub const HEAD_BYTES: usize = 512;

/// A blob on its way out: its total size, the bytes served (all, or the range asked) and
/// their stream.
pub struct Download {
    pub size: u64,
    pub range: std::ops::Range<u64>,
    pub stream: futures_util::stream::BoxStream<'static, Result<Bytes, StorageError>>,
}

/// The file store of this instance; cheap to clone.
#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    description: String,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// Gives rustls (used by the S3 client) its cryptography: `ring`, already in the tree for
/// the database and mail. Safe to call more than once.
pub fn install_tls_provider() {
    // An error means a provider is already installed: fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl FileStore {
    /// The store the configuration names. A local directory is created if missing.
    pub fn open(config: &Config) -> Result<Self, StorageError> {
        Self::open_as(config, config.storage.kind)
    }

    /// The store of kind `kind` as the configuration describes it (`storage.path` for a
    /// directory, `[storage.s3]` for S3), whatever `storage.kind` says: the other end of
    /// `preau storage migrate`.
    pub fn open_as(config: &Config, kind: StorageKind) -> Result<Self, StorageError> {
        install_tls_provider();
        match kind {
            StorageKind::Local | StorageKind::SharedDirectory => {
                let dir = config.storage_path();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| StorageError::Store(format!("{}: {e}", dir.display())))?;
                let store = LocalFileSystem::new_with_prefix(&dir)?;
                Ok(Self {
                    store: Arc::new(store),
                    description: format!("directory {}", dir.display()),
                })
            }
            StorageKind::S3 => {
                let s3 = config
                    .storage
                    .s3
                    .as_ref()
                    .ok_or_else(|| StorageError::Store("storage.s3 is missing".to_owned()))?;
                let mut builder = AmazonS3Builder::new()
                    .with_endpoint(&s3.endpoint)
                    .with_bucket_name(&s3.bucket)
                    .with_region(&s3.region)
                    .with_virtual_hosted_style_request(!s3.path_style)
                    .with_allow_http(s3.endpoint.starts_with("http://"));
                if !s3.access_key_id.is_empty() {
                    builder = builder.with_access_key_id(&s3.access_key_id);
                }
                if let Some(secret) = &s3.secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose());
                }
                Ok(Self {
                    store: Arc::new(builder.build()?),
                    description: format!("S3 bucket {} at {}", s3.bucket, s3.endpoint),
                })
            }
        }
    }

    /// Where the bytes go, for the logs and `preau check` (no secret in it).
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// A new opaque key: nothing in it says whose file it is or what it is called.
    pub fn new_key() -> String {
        format!("blobs/{}", uuid::Uuid::now_v7().simple())
    }

    /// Keeps the bytes of `body` under a new key, hashing them on the way. Over `limit`
    /// bytes, or if the body breaks off, nothing is kept (a multipart upload is aborted).
    pub async fn put_stream<S, E>(&self, body: S, limit: u64) -> Result<Stored, StorageError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::fmt::Display,
    {
        self.put_stream_at(Self::new_key(), body, limit).await
    }

    /// `put_stream` under a key chosen by the caller: a blob copied from another store keeps
    /// the key the database names.
    pub async fn put_stream_at<S, E>(
        &self,
        key: String,
        body: S,
        limit: u64,
    ) -> Result<Stored, StorageError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::fmt::Display,
    {
        let path = Path::from(key.as_str());
        let mut body = std::pin::pin!(body);
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut first: Vec<u8> = Vec::new();
        let mut multipart: Option<WriteMultipart> = None;
        let mut head: Vec<u8> = Vec::new();
        let outcome: Result<(), StorageError> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| StorageError::Interrupted(e.to_string()))?;
                size += chunk.len() as u64;
                if size > limit {
                    return Err(StorageError::TooLarge { limit });
                }
                hasher.update(&chunk);
                if head.len() < HEAD_BYTES {
                    let take = (HEAD_BYTES - head.len()).min(chunk.len());
                    head.extend_from_slice(&chunk[..take]);
                }
                match multipart.as_mut() {
                    Some(upload) => {
                        upload.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                        upload.write(&chunk);
                    }
                    None => {
                        first.extend_from_slice(&chunk);
                        if first.len() >= PART_BYTES {
                            let started = self.store.put_multipart(&path).await?;
                            let mut upload =
                                WriteMultipart::new_with_chunk_size(started, PART_BYTES);
                            upload.write(&std::mem::take(&mut first));
                            multipart = Some(upload);
                        }
                    }
                }
            }
            Ok(())
        }
        .await;
        if let Err(e) = outcome {
            if let Some(upload) = multipart
                && let Err(abort) = upload.abort().await
            {
                tracing::warn!("file store: aborting an upload failed: {abort}");
            }
            return Err(e);
        }
        match multipart {
            Some(upload) => {
                upload.finish().await?;
            }
            None => {
                self.store
                    .put(&path, PutPayload::from(Bytes::from(first)))
                    .await?;
            }
        }
        Ok(Stored {
            key,
            size,
            sha256: hex(&hasher.finalize()),
            head,
        })
    }

    /// The blob's bytes, or the range `start..end` of them (clamped to the size).
    pub async fn get(
        &self,
        key: &str,
        range: Option<std::ops::Range<u64>>,
    ) -> Result<Download, StorageError> {
        let options = GetOptions {
            range: range.map(GetRange::Bounded),
            ..GetOptions::default()
        };
        let result = self.store.get_opts(&Path::from(key), options).await?;
        let size = result.meta.size;
        let served = result.range.clone();
        let stream = match result.payload {
            // object_store reads a local file 8 KiB at a time, each read a hop to the
            // blocking pool: a download ran at a tenth of `cp` (bench/transfer).
            GetResultPayload::File(file, _) => file_chunks(file, served.clone()),
            GetResultPayload::Stream(s) => s.map(|chunk| chunk.map_err(StorageError::from)).boxed(),
        };
        Ok(Download {
            size,
            range: served,
            stream,
        })
    }

    /// The blob's size, or `NotFound`.
    pub async fn size_of(&self, key: &str) -> Result<u64, StorageError> {
        Ok(self.store.head(&Path::from(key)).await?.size)
    }

    /// Deletes the blob; a blob already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Every blob key in the store (for the orphan sweep and the backup counts).
    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        let mut out = Vec::new();
        let mut listing = self.store.list(Some(&Path::from("blobs")));
        while let Some(meta) = listing.next().await {
            out.push(meta?.location.to_string());
        }
        Ok(out)
    }

    /// The blobs of the store, streamed: each key with when it was last written (the store's
    /// own clock, not Préau's). An upload in progress is not listed (a multipart upload
    /// appears when it completes).
    pub fn listing(
        &self,
    ) -> futures_util::stream::BoxStream<
        'static,
        Result<(String, std::time::SystemTime), StorageError>,
    > {
        self.store
            .list(Some(&Path::from("blobs")))
            .map(|meta| {
                let meta = meta?;
                Ok((meta.location.to_string(), meta.last_modified.into()))
            })
            .boxed()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
