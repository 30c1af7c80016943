"""Collects the figures of one run into report.json and the Markdown report."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine_info() -> dict:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    wrk = ""
    with contextlib.suppress(OSError, IndexError):
        wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    dirty = _git("status", "--porcelain", "--", "wirportal", "config", "bench", "templates")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("rev-parse", "--short", "HEAD")
        + (" (+ uncommitted changes)" if dirty else ""),
        "nproc": os.cpu_count(),
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "loadavg_before": round(os.getloadavg()[0], 2),  # the 1-minute load average
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "wrk": wrk,
    }


def _queries_text(per_step: list[list[int]]) -> str:
    return "+".join(str(lo) if lo == hi else f"{lo}–{hi}" for lo, hi in per_step)


def assemble(*, machine, vendor, scales, prepared, load, mixes, args, elapsed) -> dict:
    small, large = prepared[scales[0]], prepared[scales[-1]]
    errors: list[str] = []
    missed: list[str] = []
    baselines = {}
    for key, runs in load.get("baselines", {}).items():
        rates = [r.get("rps", 0.0) for r in runs]
        mean = statistics.mean(rates) if rates else 0.0
        baselines[key] = {
            "rps_runs": rates,
            "rps": mean,
            "drift": (max(rates) - min(rates)) / mean if mean else None,
            "p50_ms": runs[0].get("latency_p50_ms") if runs else None,
            "queries": large["inprocess"][f"baseline:{key}"].get("queries"),
            "median_ms": large["inprocess"][f"baseline:{key}"].get("median_ms"),
        }
    scenarios = []
    for name, plan in large["plans"].items():
        if name.startswith("baseline:"):
            continue
        inproc = large["inprocess"][name]
        row: dict = {
            "name": name,
            "role": plan["role"],
            "steps": plan["steps"],
            "actors": len(plan["actors"]),
            "baseline": plan["baseline"],
            "target": plan["target"],
            "note": plan["note"],
        }
        error = inproc.get("error") or small["inprocess"].get(name, {}).get("error")
        if error:
            row["error"] = error
            errors.append(f"{name}: {error}")
            scenarios.append(row)
            continue
        q_small, q_large = small["inprocess"][name]["queries"], inproc["queries"]
        row["queries"] = {scales[0]: q_small, scales[-1]: q_large}
        varies = any(lo != hi for lo, hi in q_small + q_large)
        same = [hi for _lo, hi in q_small] == [hi for _lo, hi in q_large]
        row["constant"] = "varies" if varies else ("yes" if same else "NO")
        row["median_ms"] = inproc.get("median_ms")
        row["p95_ms"] = inproc.get("p95_ms")
        row["kb"] = round(sum(inproc["bytes"]) / 1024, 1)
        measured = load.get("scenarios", {}).get(name)
        if measured and "error" not in measured:
            row["flows_per_s"] = measured["flows_per_s"]
            row["rps"] = measured["rps"]
            row["bad"] = measured["bad"]
            row["latency_p50_ms"] = measured.get("latency_p50_ms")
            around = [
                baselines[plan["baseline"]]["rps_runs"][i]
                for i in measured.get("between", [])
                if i < len(baselines.get(plan["baseline"], {}).get("rps_runs", []))
            ]
            base = statistics.mean(around) if around else None
            row["baseline_rps"] = base
            row["ratio"] = measured["flows_per_s"] / base if base else None
            if measured["bad"]:
                errors.append(
                    f"{name}: {measured['bad']} unexpected responses ({measured['last_bad']})"
                )
            row["socket_errors"] = measured.get("socket_errors")
            if not measured["flows"]:
                errors.append(
                    f"{name}: no complete flow in {measured['seconds']:.0f} s under load"
                    f" (wrk socket errors: {measured.get('socket_errors') or 'none'})"
                )
            elif measured.get("socket_errors"):
                errors.append(f"{name}: wrk socket errors {measured['socket_errors']}")
        elif measured:
            row["load_error"] = measured["error"]
            errors.append(f"{name}: {measured['error']}")
        if row["constant"] == "NO":
            missed.append(f"{name}: queries grow with the data")
        if row.get("ratio") is not None and plan["target"] is not None:
            row["result"] = "pass" if row["ratio"] >= plan["target"] else "MISS"
            if row["result"] == "MISS":
                missed.append(f"{name}: ratio {row['ratio']:.3f} < {plan['target']}")
        scenarios.append(row)
    for scale in scales:
        for module, failure in prepared[scale].get("generate_failures", {}).items():
            errors.append(f"generate() of {module} at scale {scale}: {failure}")
    job_rows = []
    for name, job in large.get("jobs", {}).items():
        row = {"name": name, "note": job.get("note", ""), "target_s": job.get("target_s")}
        row["seconds"] = {
            scale: prepared[scale].get("jobs", {}).get(name, {}).get("seconds") for scale in scales
        }
        row["figures"] = {
            scale: prepared[scale].get("jobs", {}).get(name, {}).get("figures") for scale in scales
        }
        error = job.get("error") or small.get("jobs", {}).get(name, {}).get("error")
        if error:
            row["error"] = error
            errors.append(f"job {name}: {error}")
        elif job.get("target_s") is not None:
            # the target is meant for the full dataset (scale 10); a quick run only shows it works
            seconds = job["seconds"]
            if scales[-1] >= job.get("target_scale", 10):
                row["result"] = "pass" if seconds <= job["target_s"] else "MISS"
                if row["result"] == "MISS":
                    missed.append(f"job {name}: {seconds:.2f} s > {job['target_s']} s")
        job_rows.append(row)
    mix_rows = []
    by_name = {s["name"]: s for s in scenarios}
    for mix in mixes:
        measured = load.get("mixes", {}).get(mix["name"], {})
        row = {
            "name": mix["name"],
            "foreground": mix["foreground"],
            "target": mix["target"],
            "note": mix["note"],
        }
        if "foreground" not in measured or "error" in measured["foreground"]:
            row["error"] = measured.get("error") or measured.get("foreground", {}).get("error")
            mix_rows.append(row)
            continue
        alone = by_name.get(mix["foreground"], {}).get("flows_per_s")
        under = measured["foreground"]["flows_per_s"]
        row.update(
            alone=alone,
            under=under,
            ratio=under / alone if alone else None,
            p50_alone_ms=by_name.get(mix["foreground"], {}).get("latency_p50_ms"),
            p50_under_ms=measured["foreground"].get("latency_p50_ms"),
            background=[
                {
                    "name": bg["name"],
                    "rate": bg["rate"],
                    "achieved": bg.get("flows_per_s"),
                    "bad": bg.get("bad"),
                    "p99_ms": bg.get("latency_p99_ms"),
                }
                for bg in measured["background"]
            ],
        )
        for bg in measured["background"]:
            if bg.get("bad"):
                errors.append(f"mix {mix['name']}: {bg['name']} had {bg['bad']} bad responses")
        if row["ratio"] is not None and mix["target"] is not None:
            row["result"] = "pass" if row["ratio"] >= mix["target"] else "MISS"
            if row["result"] == "MISS":
                missed.append(f"mix {mix['name']}: {row['ratio']:.2f} < {mix['target']}")
        mix_rows.append(row)
    machine["loadavg_after"] = round(os.getloadavg()[0], 2)
    return {
        "machine": machine,
        "database": vendor,
        "redis": bool(os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")),
        "scales": list(scales),
        "elapsed_s": round(elapsed, 1),
        "settings": {
            "connections": args.connections,
            "warmup_s": args.warmup,
            "measure_s": args.seconds,
            "quick": args.quick,
            "conn_max_age": os.environ.get("BENCH_CONN_MAX_AGE"),
        },
        "data": {
            s: {"counts": prepared[s]["counts"], "generate_s": prepared[s]["generate_s"]}
            | {"cached": prepared[s]["cached"]}
            for s in scales
        },
        "load_error": load.get("error"),
        "baselines": baselines,
        "scenarios": scenarios,
        "mixes": mix_rows,
        "jobs": job_rows,
        "errors": errors,
        "missed": missed,
    }


def _f(value, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def markdown(data: dict) -> str:
    m = data["machine"]
    s1, s10 = data["scales"][0], data["scales"][-1]
    st = data["settings"]
    lines = [
        "# WIR-Portal benchmark report",
        "",
        "Generated by `make bench` (`bench/run.py`). Do not edit by hand; see `bench/README.md`.",
        "",
        "| | |",
        "|---|---|",
        f"| date | {m['date']} |",
        f"| git commit | {m['commit']} |",
        f"| machine | {m['nproc']} cores (`nproc`), {m['ram_gib']} GiB RAM, "
        f"1-min load average before/after the run {m['loadavg_before']} / {m.get('loadavg_after', '–')} |",
        f"| software | Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']} "
        f"(`-w {m.get('workers', 2)} -k sync`, production settings, DEBUG off), "
        f"wrk {m['wrk'] or '–'} |",
        f"| database | {data['database']} (throwaway), CONN_MAX_AGE "
        + (
            f"{st['conn_max_age']} (experiment, `--conn-max-age`)"
            if st.get("conn_max_age") is not None
            else "as in config.settings.base"
        )
        + " |",
        "| caches | "
        + (
            "Redis (`default`, `versions`, `pages`, `ratelimit` as in production; "
            "the bench's own Redis database, emptied before every scale) |"
            if data.get("redis")
            else "embedded default (database cache table, content tokens in the database, "
            "pages per process) |"
        ),
        f"| load | wrk with {st['connections']} connections on the same machine, "
        f"two warm-up flows per worker, {st['warmup_s']} s warm-up + {st['measure_s']} s measured per scenario |",
        f"| run time | {data['elapsed_s']:.0f} s{' (quick run)' if st['quick'] else ''} |",
        "",
        "Ratio = complete flows per second of the scenario ÷ requests per second of the baseline view, "
        "both measured on the same server in this run. `hello` is a plain `HttpResponse` without "
        "database, `one-query` one query on a unique index; both pass the full middleware stack. "
        "Queries are counted per request with the Django test client (`a+b+c` for the steps of a "
        "flow) at scale "
        f"{s1} and scale {s10}; server time is the in-process median/p95 per flow at scale {s10}.",
        "",
    ]
    if data["load_error"]:
        lines += [f"**Load test not run:** {data['load_error']}", ""]
    lines += [
        "## Baselines",
        "",
        "| view | queries | median ms (in-process) | req/s at each baseline point | mean | spread |",
        "|---|---|---|---|---|---|",
    ]
    for name, b in data["baselines"].items():
        lines.append(
            f"| `{name}` | {_queries_text(b['queries'] or [])} | {_f(b['median_ms'], 2)} | "
            f"{' · '.join(_f(r, 0) for r in b['rps_runs'])} | {_f(b['rps'], 0)} | "
            f"{_f((b['drift'] or 0) * 100, 0, ' %')} |"
        )
    lines += [
        "",
        "## Scenarios",
        "",
        f"| scenario | who | queries s{s1} | queries s{s10} | constant | median ms | p95 ms | KB | "
        "flows/s | baseline req/s | ratio | target | result |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["scenarios"]:
        name = row["name"] + (f" ({row['steps']} steps)" if row["steps"] > 1 else "")
        if "error" in row:
            lines.append(
                f"| {name} | {row['role']} | | | | | | | | {row['baseline']} | | "
                f"{_f(row['target'], 3)} | ERROR: {row['error']} |"
            )
            continue
        lines.append(
            f"| {name} | {row['role']} | {_queries_text(row['queries'][s1])} | "
            f"{_queries_text(row['queries'][s10])} | {row['constant']} | "
            f"{_f(row['median_ms'])} | {_f(row['p95_ms'])} | {_f(row['kb'])} | "
            f"{_f(row.get('flows_per_s'))} | {row['baseline']} {_f(row.get('baseline_rps'), 0)} | "
            f"{_f(row.get('ratio'), 3)} | "
            f"{_f(row['target'], 3)} | {row.get('result', '–')} |"
        )
    notes = [f"- **{r['name']}**: {r['note']}" for r in data["scenarios"] if r["note"]]
    if notes:
        lines += ["", *notes]
    if data["mixes"]:
        lines += [
            "",
            "## Deadline-day mixes",
            "",
            "The foreground page runs at full load once alone (table above) and once while the "
            "background flows run at a fixed rate. Ratio = foreground flows/s with background ÷ alone.",
            "",
            "A background flow's p99 (ms, in brackets) shows what waits on whom: a write held up "
            "by another's lock waits as long as the lock is held.",
            "",
            "| mix | foreground | background (target rate → achieved flows/s, p99 ms) | "
            "alone flows/s | "
            "with background | ratio | p50 ms alone → with | target | result |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in data["mixes"]:
            if "error" in row:
                lines.append(
                    f"| {row['name']} | {row['foreground']} | | | | | | | ERROR: {row['error']} |"
                )
                continue
            background = ", ".join(
                f"{bg['name']} {bg['rate']:g} → {_f(bg['achieved'])} ({_f(bg.get('p99_ms'))})"
                for bg in row["background"]
            )
            lines.append(
                f"| {row['name']} | {row['foreground']} | {background} | {_f(row['alone'])} | "
                f"{_f(row['under'])} | {_f(row['ratio'], 2)} | "
                f"{_f(row['p50_alone_ms'])} → {_f(row['p50_under_ms'])} | "
                f"{_f(row['target'], 2)} | {row.get('result', '–')} |"
            )
        notes = [f"- **{r['name']}**: {r['note']}" for r in data["mixes"] if r["note"]]
        if notes:
            lines += ["", *notes]
    if data.get("jobs"):
        lines += [
            "",
            "## Batch jobs",
            "",
            "Timed in-process once per scale (one run, wall clock, in a transaction rolled back "
            "afterwards).",
            "",
            f"| job | seconds s{s1} | seconds s{s10} | figures s{s10} | target | result |",
            "|---|---|---|---|---|---|",
        ]
        for row in data["jobs"]:
            if "error" in row:
                lines.append(f"| {row['name']} | | | | | ERROR: {row['error']} |")
                continue
            seconds = row["seconds"]
            figures = row["figures"].get(s10) or row["figures"].get(str(s10)) or {}
            lines.append(
                f"| {row['name']} | {_f(seconds.get(s1, seconds.get(str(s1))), 2)} | "
                f"{_f(seconds.get(s10, seconds.get(str(s10))), 2)} | "
                f"{', '.join(f'{k} {v}' for k, v in figures.items())} | "
                f"≤ {_f(row['target_s'], 1, ' s')} | {row.get('result', '–')} |"
            )
        notes = [f"- **{r['name']}**: {r['note']}" for r in data["jobs"] if r["note"]]
        if notes:
            lines += ["", *notes]
    lines += ["", "## Data", ""]
    for scale in data["scales"]:
        d = data["data"][scale] if scale in data["data"] else data["data"][str(scale)]
        top = ", ".join(f"{k} {v:,}" for k, v in list(d["counts"].items())[:8])
        how = "from the cache" if d["cached"] else f"generated in {d['generate_s']:.0f} s"
        lines.append(f"- scale {scale} ({how}): {top}")
    if data["errors"] or data["missed"]:
        lines += ["", "## Problems", ""]
        lines += [f"- error: {e}" for e in data["errors"]]
        lines += [f"- missed: {e}" for e in data["missed"]]
    return "\n".join(lines) + "\n"


def summary(data: dict) -> str:
    out = []
    for name, b in data["baselines"].items():
        out.append(f"  baseline {name}: {b['rps']:.0f} req/s")
    for row in data["scenarios"]:
        if "error" in row:
            out.append(f"  {row['name']}: ERROR {row['error']}")
        else:
            out.append(
                f"  {row['name']}: queries {_queries_text(row['queries'][data['scales'][-1]])} "
                f"({row['constant']}), {_f(row['median_ms'])} ms, {_f(row.get('flows_per_s'))} "
                f"flows/s, ratio {_f(row.get('ratio'), 3)} {row.get('result', '')}"
            )
    for row in data.get("jobs", []):
        seconds = row.get("seconds", {})
        out.append(
            f"  job {row['name']}: "
            + (
                f"ERROR {row['error']}"
                if "error" in row
                else f"{seconds} s {row.get('result', '')}"
            )
        )
    for row in data["mixes"]:
        out.append(f"  mix {row['name']}: ratio {_f(row.get('ratio'), 2)} {row.get('result', '')}")
    return "\n".join(out)
