#!/usr/bin/env python3
# test-cli-generate.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli's generation verbs against a scratch database of the harness's
# PostgreSQL (libpq's PG* variables, as set by pg_virtualenv) and the ComfyUI simulator started
# as a subprocess on 127.0.0.1: generate (dry run, waiting, JSON), check, template import and
# check, jobs and cancel, with their exit codes.
# Usage: test-cli-generate.py LORAKEET-CLI LK-COMFY-SIM DEMO-LORA

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

CLI, SIM, DEMO_LORA = (os.path.abspath(arg) for arg in sys.argv[1:4])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import check, load, start_sim, report, drop_database, scratch_database  # noqa: E402


def sim_control(url, control):
    request = urllib.request.Request(url + "/__sim/control", data=json.dumps(control).encode(),
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status == 200


def main():
    database = scratch_database("lk_gen")
    base = tempfile.mkdtemp(prefix="lk-cli-generate-")
    sim, url = start_sim(SIM, os.path.join(base, "comfy"))
    cache = os.path.join(base, "cache")
    env = dict(os.environ, LORAKEET_DB="dbname=" + database, LORAKEET_COMFYUI=url,
               XDG_CACHE_HOME=cache, LORAKEET_DEMO_DIR=os.path.dirname(DEMO_LORA))

    def cli(*args):
        return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=180)

    try:
        demo = cli("db", "demo")
        check("db demo installs the demo studio", demo.returncode == 0, demo.stderr)

        # a dry run: the edited workflow, its changes and its checks, nothing recorded
        dry = cli("generate", "Mei Kobayashi", "--dry-run", "--json")
        doc = load(dry) or {}
        lora = (doc.get("workflow") or {}).get("10", {}).get("inputs", {})
        levels = {c.get("id"): c.get("level") for c in doc.get("checks", [])}
        check("generate --dry-run --json: workflow, changes and checks", dry.returncode == 0
              and sorted(doc) == ["changes", "checks", "workflow"]
              and lora.get("lora_name") == "mei_working_v1.safetensors"
              and abs(lora.get("strength_model", 0) - 0.8) < 1e-6
              and doc["workflow"]["6"]["inputs"]["text"].startswith("mei kobayashi, ")
              and all(isinstance(c, str) for c in doc["changes"]) and len(doc["changes"]) > 0
              and levels.get("node-classes") == "ok" and levels.get("model-files") == "ok"
              and "error" not in levels.values(), dry.stdout + dry.stderr)
        listed = load(cli("jobs", "--json")) or {}
        check("a dry run records no job", listed.get("jobs") == [], json.dumps(listed))

        # generating and waiting: progress on stderr, the jobs on stdout
        run = cli("generate", "Mei Kobayashi", "--wait", "--json", "--seed", "4242")
        doc = load(run) or {}
        jobs = doc.get("jobs", [])
        job = jobs[0] if jobs else {}
        outputs = job.get("outputs", [])
        check("generate --wait --json: exit 0, the job and its outputs", run.returncode == 0
              and len(jobs) == 1
              and {"id", "prompt_id", "server", "status", "error", "outputs"} <= set(job)
              and job["status"] == "succeeded" and job["error"] is None
              and job["server"] == url and job.get("seed") == 4242 and len(outputs) == 1
              and outputs[0]["kind"] == "image" and "path" in outputs[0]
              and outputs[0]["path"].startswith(cache) and os.path.isfile(outputs[0]["path"]),
              run.stdout + run.stderr)
        check("generate --wait: progress on stderr", "succeeded" in run.stderr, run.stderr)
        mei_job = job.get("id")

        by_url = cli("generate", "Rina Suzuki", "--wait", "--json", "--no-download")
        doc = load(by_url) or {}
        outputs = doc["jobs"][0]["outputs"] if doc.get("jobs") else []
        check("generate --no-download: outputs by URL", by_url.returncode == 0
              and len(outputs) == 1 and outputs[0]["url"].startswith(url + "/view?")
              and "path" not in outputs[0], by_url.stdout + by_url.stderr)

        human = cli("generate", "Mei", "--wait")
        check("generate, human output", human.returncode == 0 and "succeeded" in human.stdout
              and "Mei Kobayashi" in human.stdout, human.stdout + human.stderr)

        # the troubleshooting checks
        checked = cli("check", "--all", "--json")
        doc = load(checked) or {}
        by_name = {c["name"]: c for c in doc.get("characters", [])}
        rina = by_name.get("Rina Suzuki", {"checks": []})
        rina_lora = [c for c in rina["checks"] if c["id"] == "lora-assigned"]
        check("check --all: exit 0, no errors, every character", checked.returncode == 0
              and len(by_name) == 5 and all(c["errors"] == 0 for c in by_name.values()),
              checked.stdout + checked.stderr)
        check("check: Rina gets a 'base model only' warning, not an error",
              len(rina_lora) == 1 and rina_lora[0]["level"] == "warning"
              and "base model only" in rina_lora[0]["message"], json.dumps(rina))
        mei = by_name.get("Mei Kobayashi", {"checks": []})
        mei_checks = {c["id"]: c["level"] for c in mei["checks"]}
        check("check: Mei's LoRA, file, strength, nodes and base model pass",
              all(mei_checks.get(i) == "ok" for i in ("lora-loader", "lora-assigned", "lora-file",
                                                       "strength", "node-classes", "model-files",
                                                       "base-model")), json.dumps(mei_checks))
        human = cli("check", "Rina")
        check("check, human output", human.returncode == 0 and "base model only" in human.stdout,
              human.stdout + human.stderr)

        # templates: a PNG ComfyUI wrote carries the graph it ran
        pngs = sorted(os.path.join(root, name)
                      for root, _, names in os.walk(os.path.join(base, "comfy", "output"))
                      for name in names if name.endswith(".png"))
        imported = cli("template", "import", pngs[0] if pngs else "/nonexistent.png",
                       "--name", "from_png", "--json")
        doc = load(imported) or {}
        check("template import of a ComfyUI PNG", imported.returncode == 0
              and doc.get("name") == "from_png" and doc.get("kind") == "image"
              and doc.get("lora_loader_node") == "10" and doc.get("nodes", 0) >= 7,
              imported.stdout + imported.stderr)
        again = cli("template", "import", pngs[0] if pngs else "/nonexistent.png",
                    "--name", "from_png")
        check("template import refuses a name in use, exit 1", again.returncode == 1
              and "exists already" in again.stderr, again.stderr)
        replaced = cli("template", "import", pngs[0] if pngs else "/nonexistent.png",
                       "--name", "from_png", "--replace", "--json")
        check("template import --replace", replaced.returncode == 0
              and (load(replaced) or {}).get("id") == doc.get("id"),
              replaced.stdout + replaced.stderr)

        ui_file = os.path.join(base, "editor-workflow.json")
        with open(ui_file, "w") as ui:
            json.dump({"last_node_id": 9, "last_link_id": 9, "nodes": [], "links": [],
                       "version": 0.4}, ui)
        ui_import = cli("template", "import", ui_file, "--name", "editor")
        check("template import refuses an editor workflow, exit 1, naming Save (API Format)",
              ui_import.returncode == 1 and "Save (API Format)" in ui_import.stderr,
              ui_import.stderr)

        template_check = cli("template", "check", "from_png", "--json")
        doc = load(template_check) or {}
        check("template check against the server", template_check.returncode == 0
              and doc.get("template", {}).get("name") == "from_png"
              and any(c["id"] == "node-classes" and c["level"] == "ok"
                      for c in doc.get("checks", [])),
              template_check.stdout + template_check.stderr)

        # jobs
        listed = cli("jobs", "--json")
        doc = load(listed) or {}
        statuses = [j["status"] for j in doc.get("jobs", [])]
        check("jobs lists every job, newest first, with outputs", listed.returncode == 0
              and statuses == ["succeeded"] * 3 and doc["jobs"][-1]["id"] == mei_job
              and all(len(j["outputs"]) == 1 for j in doc["jobs"]), listed.stdout + listed.stderr)
        mine = load(cli("jobs", "--character", "Rina", "--json")) or {}
        check("jobs --character", [j["character"] for j in mine.get("jobs", [])] == ["Rina Suzuki"],
              json.dumps(mine))

        # cancel: a waiting job and the running one, from another process
        sim_control(url, {"step_ms": 300})
        queued = cli("generate", "Mei", "--count", "2", "--json")
        doc = load(queued) or {}
        ids = [j["id"] for j in doc.get("jobs", [])]
        check("generate without --wait: queued, exit 0", queued.returncode == 0 and len(ids) == 2
              and all(j["status"] in ("queued", "running") for j in doc["jobs"]),
              queued.stdout + queued.stderr)
        if len(ids) == 2:
            time.sleep(0.5)
            waiting = cli("cancel", str(ids[1]), "--json")
            doc = load(waiting) or {}
            check("cancel a waiting job", waiting.returncode == 0
                  and doc.get("jobs", [{}])[0].get("status") == "cancelled",
                  waiting.stdout + waiting.stderr)
            running = cli("cancel", str(ids[0]))
            check("cancel the running job", running.returncode == 0
                  and "cancelled" in running.stdout, running.stdout + running.stderr)
            unfinished = load(cli("jobs", "--unfinished", "--json")) or {}
            check("nothing left unfinished", unfinished.get("jobs") == [], json.dumps(unfinished))
        sim_control(url, {"step_ms": 2})

        finished = cli("cancel", str(mei_job))
        check("cancel a finished job: exit 1", finished.returncode == 1, finished.stderr)
        unknown = cli("cancel", "999999")
        check("cancel an unknown job: exit 1", unknown.returncode == 1, unknown.stderr)

        # exit codes
        usage = cli("generate")
        check("generate without a character: exit 2", usage.returncode == 2, usage.stderr)
        down = cli("generate", "Mei", "--server", "http://127.0.0.1:1", "--json")
        check("no reachable server: exit 2, nothing recorded", down.returncode == 2
              and "127.0.0.1:1" in down.stderr
              and len((load(cli("jobs", "--json")) or {}).get("jobs", [])) == 5, down.stderr)

        os.unlink(os.path.join(base, "comfy", "models", "loras", "mei_working_v1.safetensors"))
        missing = cli("check", "Mei", "--json")
        doc = load(missing) or {}
        errors = [c for c in (doc.get("characters") or [{"checks": []}])[0]["checks"]
                  if c["level"] == "error"]
        check("check: a LoRA missing on the server is an error, exit 1", missing.returncode == 1
              and any("mei_working_v1.safetensors" in c["message"] for c in errors),
              missing.stdout + missing.stderr)
        refused = cli("generate", "Mei", "--json")
        doc = load(refused) or {}
        job = (doc.get("jobs") or [{}])[0]
        check("generate refused by preflight: exit 1, recorded as failed in plain words",
              refused.returncode == 1 and job.get("status") == "failed"
              and "mei_working_v1.safetensors" in (job.get("error") or ""),
              refused.stdout + refused.stderr)
    finally:
        sim.terminate()
        try:
            sim.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sim.kill()
        shutil.rmtree(base, ignore_errors=True)
        drop_database(database)

    return report()


if __name__ == "__main__":
    sys.exit(main())
