#!/usr/bin/env python3
# test-cli-catalog.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli against a scratch database of the harness's PostgreSQL (libpq's
# PG* variables, as set by pg_virtualenv): the catalog verbs, their JSON and their exit codes.
# Usage: test-cli-catalog.py LORAKEET-CLI DEMO-LORA LK-MAKE-LORA

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, DEMO_LORA, MAKE_LORA = (os.path.abspath(arg) for arg in sys.argv[1:4])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import check, report, drop_database, scratch_database  # noqa: E402


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=120)


def main():
    database = scratch_database("lk_cli")
    db = "dbname=" + database
    os.environ["LORAKEET_DEMO_DIR"] = os.path.dirname(DEMO_LORA)
    folder = tempfile.mkdtemp(prefix="lk-cli-loras-")

    try:
        status = cli("--db", db, "db", "status", "--json")
        doc = json.loads(status.stdout) if status.returncode == 0 else {}
        check("db status on an empty database shows pending migrations",
              status.returncode == 0 and doc.get("schema_version") == 0 and len(doc["pending"]) >= 3,
              status.stderr)

        migrate = cli("db", "migrate", "--db", db)
        check("db migrate applies, global option after the verb", migrate.returncode == 0
              and "0001-studio-tables" in migrate.stdout, migrate.stdout + migrate.stderr)
        again = cli("--db", db, "--json", "db", "migrate")
        check("db migrate twice applies nothing", again.returncode == 0
              and json.loads(again.stdout)["applied"] == [], again.stdout + again.stderr)

        demo = cli("--db", db, "db", "demo")
        check("db demo installs the demo studio", demo.returncode == 0, demo.stderr)

        mei = cli("--db", db, "inspect", "Mei", "--json")
        doc = json.loads(mei.stdout) if mei.returncode == 0 else {}
        lora = doc.get("lora") or {}
        check("inspect Mei: her own LoRA at 0.8", mei.returncode == 0
              and doc["character"]["name"] == "Mei Kobayashi"
              and lora.get("name") == "mei_working_v1"
              and lora.get("file") == "mei_working_v1.safetensors"
              and abs(lora.get("strength_model", 0) - 0.8) < 1e-6
              and abs(lora.get("strength_clip", 0) - 0.8) < 1e-6
              and "mei kobayashi" in lora.get("trigger_words", [])
              and doc["profile"]["name"] == "tokyo_debt_realism"
              and doc["checkpoint"] is not None and doc["template"]["lora_loader_node"] == "10"
              and doc["project"]["name"] == "Tokyo Debt Desire"
              and doc["warnings"] == [], mei.stdout + mei.stderr)

        rina = cli("--db", db, "--json", "inspect", "Rina Suzuki")
        doc = json.loads(rina.stdout) if rina.returncode == 0 else {}
        check("inspect Rina: no LoRA, a warning, never Mei's", rina.returncode == 0
              and doc.get("lora", "missing") is None and len(doc["warnings"]) >= 1,
              rina.stdout + rina.stderr)

        by_id = cli("--db", db, "--json", "inspect", str(json.loads(mei.stdout)["character"]["id"]))
        check("inspect by id", by_id.returncode == 0
              and json.loads(by_id.stdout)["character"]["name"] == "Mei Kobayashi", by_id.stderr)

        ambiguous = cli("--db", db, "inspect", "a")
        check("ambiguous name lists the candidates, exit 1", ambiguous.returncode == 1
              and "Mei Kobayashi" in ambiguous.stderr and "Rina Suzuki" in ambiguous.stderr,
              ambiguous.stderr)

        missing = cli("--db", db, "inspect", "Nobody At All")
        check("unknown character, exit 1", missing.returncode == 1, missing.stderr)

        unreachable = cli("--db", "host=127.0.0.1 port=1 connect_timeout=3", "inspect", "Mei")
        check("unreachable server: host and libpq's reason, exit 2", unreachable.returncode == 2
              and "127.0.0.1:1" in unreachable.stderr and "refused" in unreachable.stderr,
              unreachable.stderr)

        env = dict(os.environ, LORAKEET_DB=db)
        from_env = cli("characters", "--json", env=env)
        check("LORAKEET_DB is used without --db", from_env.returncode == 0
              and len(json.loads(from_env.stdout)) == 5, from_env.stderr)

        usage = cli("--db", db, "inspect")
        check("missing argument, exit 2", usage.returncode == 2, usage.stderr)
        unknown = cli("--db", db, "frobnicate")
        check("unknown verb, exit 2", unknown.returncode == 2, unknown.stderr)

        chars = cli("--db", db, "characters", "--project", "Cyberpunk Goblin Slayer", "--json")
        doc = json.loads(chars.stdout) if chars.returncode == 0 else []
        check("characters --project filters", chars.returncode == 0 and len(doc) == 1
              and doc[0]["name"] == "Goblin Slayer" and doc[0]["lora"] is None, chars.stderr)
        human = cli("--db", db, "characters")
        check("characters, human output", human.returncode == 0
              and "mei_working_v1" in human.stdout and "Goblin Slayer" in human.stdout,
              human.stderr)

        subprocess.run([MAKE_LORA, "--output-name", "rina_v2", "--epoch", "6",
                        os.path.join(folder, "rina_v2.safetensors")], check=True,
                       capture_output=True)
        with open(os.path.join(folder, "broken.safetensors"), "wb") as broken:
            broken.write(b"\xff" * 8 + b"{}")
        scan = cli("--db", db, "--json", "lora", "scan", folder)
        doc = json.loads(scan.stdout) if scan.stdout else []
        outcomes = {os.path.basename(e["path"]): e["outcome"] for e in doc}
        check("lora scan registers the good file and reports the broken one, exit 1",
              scan.returncode == 1 and outcomes == {"rina_v2.safetensors": "added",
                                                    "broken.safetensors": "failed"},
              scan.stdout + scan.stderr)

        assign = cli("--db", db, "--json", "lora", "assign", "Rina", "rina_v2", "--strength", "0.6")
        doc = json.loads(assign.stdout) if assign.returncode == 0 else {}
        check("lora assign gives Rina her LoRA", assign.returncode == 0
              and doc["lora"]["name"] == "rina_v2"
              and abs(doc["lora"]["strength_model"] - 0.6) < 1e-6, assign.stdout + assign.stderr)
        mei_again = json.loads(cli("--db", db, "--json", "inspect", "Mei").stdout)
        check("Mei keeps her own LoRA", mei_again["lora"]["name"] == "mei_working_v1")

        wrong = cli("--db", db, "lora", "assign", "Rina", "realisticVisionV51")
        check("a checkpoint cannot be assigned as a LoRA, exit 1", wrong.returncode == 1,
              wrong.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_database(database)

    return report()


if __name__ == "__main__":
    sys.exit(main())
