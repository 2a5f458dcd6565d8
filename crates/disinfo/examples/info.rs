//! Prints the toolkit version and the status of each tool.
//!
//! `cargo run -p disinfo --example info`

fn main() {
    let info = disinfo::build_info();
    println!("disinfo {}", info.version);
    for tool in &info.tools {
        println!(
            "  {:<13} {:<16} {}",
            tool.name,
            tool.status.as_str(),
            tool.capabilities.join(", ")
        );
    }
    // Errors carry stable codes; a panic in the core becomes an `internal` error. (The default
    // hook would print the deliberate panic's message to stderr; this example keeps it quiet.)
    std::panic::set_hook(Box::new(|_| {}));
    let err = disinfo::catch_panic(disinfo::force_panic_for_tests).expect_err("it panics");
    println!("a caught panic has code `{}`", err.code());
}
