// New migration files must trigger a rebuild of the embedded migrators.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
