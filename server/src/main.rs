use server::settings::Settings;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            tracing::error!("invalid settings: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(settings.listen).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!("cannot listen on {}: {e}", settings.listen);
            return std::process::ExitCode::FAILURE;
        }
    };
    tracing::info!("Wellbeing Plan listening on http://{}", settings.listen);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match server::startup::run(settings, listener, shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("server stopped: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
