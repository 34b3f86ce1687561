//! Who the client is behind reverse proxies: an address is taken from `X-Forwarded-For` only
//! when the TCP peer is a proxy the operator declared, and only the part of the chain those
//! proxies wrote is believed.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// An address or a network in CIDR notation (`10.0.0.0/8`, `::1`, `192.0.2.7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNetwork {
    base: IpAddr,
    prefix: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotANetwork;

impl fmt::Display for NotANetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an IP address or network")
    }
}

impl std::error::Error for NotANetwork {}

impl FromStr for IpNetwork {
    type Err = NotANetwork;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let base: IpAddr = addr.parse().map_err(|_| NotANetwork)?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().map_err(|_| NotANetwork)?,
            None => max,
        };
        if prefix > max {
            return Err(NotANetwork);
        }
        Ok(Self { base, prefix })
    }
}

impl IpNetwork {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (canonical(self.base), ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address seen through an IPv6 socket (`::ffff:192.0.2.7`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address. `forwarded_for` is every `X-Forwarded-For` header value in order.
/// Walking the chain from the right, each hop written by a trusted proxy is believed; the
/// first address that is not a trusted proxy is the client. A malformed entry stops the walk
/// at the last address known good, so a client cannot choose its own address.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNetwork]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    let mut client = canonical(peer);
    if !is_trusted(client) {
        return client;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            return client;
        };
        client = canonical(ip);
        if !is_trusted(client) {
            return client;
        }
    }
    client
}

/// The network a client address belongs to, for throttles that must not let one person
/// lock out a colleague elsewhere: the /24 of an IPv4 address, the /64 of an IPv6 one (what
/// one household, school or provider customer usually holds). Anything that is not an
/// address is its own network.
pub fn client_network(client: &str) -> String {
    match client.parse::<IpAddr>().map(canonical) {
        Ok(IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Err(_) => client.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_networks_group_neighbours_and_only_them() {
        assert_eq!(client_network("192.0.2.7"), "192.0.2.0/24");
        assert_eq!(client_network("192.0.2.250"), client_network("192.0.2.7"));
        assert_ne!(client_network("192.0.3.7"), client_network("192.0.2.7"));
        assert_eq!(client_network("::ffff:192.0.2.7"), "192.0.2.0/24");
        assert_eq!(client_network("2001:db8:1:2:aa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            client_network("2001:db8:1:2:ffff::9"),
            client_network("2001:db8:1:2::1")
        );
        assert_ne!(
            client_network("2001:db8:1:3::1"),
            client_network("2001:db8:1:2::1")
        );
        assert_eq!(client_network("unknown"), "unknown");
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNetwork> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn networks_parse_and_contain() {
        let n: IpNetwork = "10.0.0.0/8".parse().unwrap();
        assert!(n.contains(ip("10.200.3.4")));
        assert!(!n.contains(ip("11.0.0.1")));
        assert!(
            "192.0.2.7"
                .parse::<IpNetwork>()
                .unwrap()
                .contains(ip("192.0.2.7"))
        );
        assert!(
            !"192.0.2.7"
                .parse::<IpNetwork>()
                .unwrap()
                .contains(ip("192.0.2.8"))
        );
        assert!(
            "0.0.0.0/0"
                .parse::<IpNetwork>()
                .unwrap()
                .contains(ip("203.0.113.9"))
        );
        assert!(
            "fd00::/8"
                .parse::<IpNetwork>()
                .unwrap()
                .contains(ip("fd12::1"))
        );
        assert!(
            "127.0.0.1"
                .parse::<IpNetwork>()
                .unwrap()
                .contains(ip("::ffff:127.0.0.1"))
        );
        for bad in ["", "10.0.0.0/33", "proxy", "10.0.0.0/x", "::1/129"] {
            assert_eq!(bad.parse::<IpNetwork>(), Err(NotANetwork), "{bad}");
        }
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let trusted = nets(&["127.0.0.1"]);
        assert_eq!(
            client_address(ip("203.0.113.9"), &["198.51.100.1"], &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &["198.51.100.1"], &[]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_but_not_what_the_client_wrote() {
        let trusted = nets(&["127.0.0.1", "10.0.0.0/8"]);
        // The client sent a forged header; the balancer appended the real address.
        assert_eq!(
            client_address(ip("127.0.0.1"), &["6.6.6.6, 203.0.113.9"], &trusted),
            ip("203.0.113.9")
        );
        // Two proxies: edge (10.1.1.1) then balancer, split across headers.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &["6.6.6.6, 203.0.113.9", "10.1.1.1"],
                &trusted
            ),
            ip("203.0.113.9")
        );
        // A malformed hop stops the walk at the last trustworthy answer.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &["203.0.113.9, garbage, 10.1.1.1"],
                &trusted
            ),
            ip("10.1.1.1")
        );
        // No header: the proxy itself.
        assert_eq!(
            client_address(ip("127.0.0.1"), &[], &trusted),
            ip("127.0.0.1")
        );
    }
}
