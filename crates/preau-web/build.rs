// Fluent files are embedded at compile time: a changed .ftl must rebuild this crate.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
    println!("cargo:rerun-if-changed=static");
}
