//! argv → `cli::run`; nothing else.

fn main() -> std::process::ExitCode {
    millectl::cli::main()
}
