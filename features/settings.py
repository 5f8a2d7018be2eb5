"""Runtime settings shared by training, serving and the CLI.

Every value can be set from the environment with the ``REVIEWGUARD_`` prefix
(``REVIEWGUARD_HOME``, ``REVIEWGUARD_DATA_DIR`` ...).  The MLflow tracking URI also honours
the standard ``MLFLOW_TRACKING_URI`` so that ``mlflow ui`` and reviewguard agree.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REVIEW_MODEL_NAME = "reviewguard-review"
ORDER_MODEL_NAME = "reviewguard-order"
CHAMPION_ALIAS = "champion"
# Exit code of `bentoml serve` / `reviewguard serve` when the registry has no champion or is unreachable.
EXIT_NO_CHAMPION = 3


def default_workers() -> int:
    """One service worker per core, at most 4: scoring is CPU-bound and every worker holds the models."""
    return max(1, min(os.cpu_count() or 1, 4))


def threads_per_worker(workers: int) -> int:
    """LightGBM threads for each of ``workers`` processes: the cores shared out, at least one.

    More threads than cores made two workers slower than one (OpenMP threads spin while waiting).
    """
    return max(1, (os.cpu_count() or 1) // max(1, workers))


class Settings(BaseSettings):
    """Where reviewguard keeps its state and which models it serves."""

    model_config = SettingsConfigDict(env_prefix="REVIEWGUARD_", extra="ignore")

    home: Path = Field(
        default=Path(".reviewguard"),
        description="Project-local folder for the embedded MLflow store and artifacts.",
    )
    tracking_uri: str | None = Field(
        default=None,
        description="MLflow tracking URI; default: MLFLOW_TRACKING_URI, else sqlite in `home`.",
    )
    data_dir: Path | None = Field(
        default=None,
        description="Folder with the optional public corpora (read at run time, never copied).",
    )
    ledger_enabled: bool = Field(default=True, description="Record malicious decisions per buyer.")
    ledger_path: Path | None = Field(default=None, description="Buyer-risk ledger; default `home`/ledger.db.")
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token of the HTTP API. Admin routes always require it; other routes only with `require_auth`.",
    )
    require_auth: bool = Field(default=False, description="Require the bearer token on every scoring route too.")
    max_body_bytes: int = Field(
        default=16 * 1024 * 1024, gt=0, description="Largest HTTP request body accepted; larger ones get 413."
    )
    workers: int = Field(
        default_factory=lambda: default_workers(),
        ge=1,
        description="HTTP service worker processes; default one per core, at most 4 (each holds both models, "
                    "~0.5 GB). LightGBM gets cores / workers threads in each.",
    )
    balance_connections: bool = Field(
        default=True,
        description="Spread keep-alive connections evenly over the workers (serving/connection_balance.py): "
                    "without it a client's small keep-alive pool lands on one worker, half the throughput "
                    "(docs/serving.md). Turn off when a load balancer in front already spreads connections.",
    )
    model_poll_seconds: float = Field(
        default=0.0, ge=0.0,
        description="Seconds between checks of the champion alias by a running service (0 = off; "
                    "POST /v1/admin/reload always works).",
    )
    review_model_name: str = REVIEW_MODEL_NAME
    order_model_name: str = ORDER_MODEL_NAME
    model_alias: str = CHAMPION_ALIAS
    shadow_alias: str | None = Field(
        default=None,
        description="Registry alias of a challenger (e.g. `challenger`) that each service worker also loads and "
                    "scores every request with in the background, after the answer is sent, recording only its "
                    "agreement with the champion in the metrics (serving/shadow.py). Unset: no shadow. An alias "
                    "missing from the registry is logged and skipped; the server still starts.",
    )

    def resolved_tracking_uri(self) -> str:
        """The tracking URI actually used: explicit setting, then env, then local sqlite."""
        if self.tracking_uri:
            return self.tracking_uri
        env_uri = os.environ.get("MLFLOW_TRACKING_URI")
        if env_uri:
            return env_uri
        return f"sqlite:///{(self.home / 'mlflow.db').resolve()}"

    def resolved_ledger_path(self) -> Path:
        """Where the buyer-risk ledger lives."""
        return self.ledger_path or self.home / "ledger.db"

    def artifact_root(self) -> Path:
        """Artifact folder used when reviewguard creates an experiment in the local store."""
        return (self.home / "mlartifacts").resolve()
