//! The server binary run as its own process, for tests that kill it.

use reqwest::Client;
use std::time::{Duration, Instant};

/// The server binary, run as its own process on a database shared with other processes.
pub struct ServerProcess {
    child: std::process::Child,
    pub address: String,
}

impl ServerProcess {
    /// Starts the binary on `database_url` with the demo team and `env` on top, and waits
    /// until it answers.
    pub async fn start(database_url: &str, env: &[(&str, String)]) -> Self {
        Self::start_logging(database_url, env, std::process::Stdio::inherit()).await
    }

    /// As [`Self::start`], with what the server writes to standard error (where a panic is
    /// reported; its log goes to standard output) sent to `stderr`.
    pub async fn start_logging(database_url: &str, env: &[(&str, String)], stderr: std::process::Stdio) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let address = format!("http://127.0.0.1:{port}");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .env("APP_DATABASE_URL", database_url)
            .env("APP_LISTEN", format!("127.0.0.1:{port}"))
            .env("APP_PUBLIC_URL", &address)
            .env("APP_DEMO_DATA", "true")
            .env("APP_SITE_ROOT", "target/no-site")
            .env("RUST_LOG", "warn")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stderr(stderr)
            .spawn()
            .expect("the server binary starts");
        let process = Self { child, address };
        let client = Client::new();
        let start = Instant::now();
        while client.get(format!("{}/healthz", process.address)).send().await.is_err() {
            assert!(start.elapsed() < Duration::from_secs(30), "the server process did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        process
    }

    /// SIGKILL: no graceful shutdown, nothing flushed.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
