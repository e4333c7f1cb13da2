#!/usr/bin/env python3
# test-cli-consistency.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli's consistency and validate verbs against a scratch database of
# the harness's PostgreSQL (libpq's PG* variables, as set by pg_virtualenv) and the ComfyUI
# simulator started as a subprocess on 127.0.0.1: scores with and without references (text
# and JSON), validate's refusals of bad arguments, and a real validation grid.
# Usage: test-cli-consistency.py LORAKEET-CLI LK-COMFY-SIM DEMO-LORA

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, SIM, DEMO_LORA = (os.path.abspath(arg) for arg in sys.argv[1:4])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import (check, load, start_sim, report, drop_database,  # noqa: E402
                   scratch_database, write_png)


def write_character_png(path, size=96):
    """A character in blocks of colour (hair, face, outfit) on a plain background."""
    blocks = [(32, 8, 64, 30, (42, 42, 110)), (36, 26, 60, 42, (248, 220, 200)),
              (28, 42, 68, 90, (48, 48, 48))]

    def colour(x, y):
        for x0, y0, x1, y1, block in blocks:
            if x0 <= x < x1 and y0 <= y < y1:
                return block
        return (208, 224, 240)
    write_png(path, size, size, colour)


def main():
    database = scratch_database("lk_cons")
    base = tempfile.mkdtemp(prefix="lk-cli-consistency-")
    sim, url = start_sim(SIM, os.path.join(base, "comfy"))
    cache = os.path.join(base, "cache")
    env = dict(os.environ, LORAKEET_DB="dbname=" + database, LORAKEET_COMFYUI=url,
               XDG_CACHE_HOME=cache, LORAKEET_DEMO_DIR=os.path.dirname(DEMO_LORA))

    def cli(*args):
        return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=180)

    try:
        demo = cli("db", "demo")
        check("db demo installs the demo studio", demo.returncode == 0, demo.stderr)

        # nothing to compare with: a message that says what to do, exit 1, nothing on stdout
        for args in (("consistency", "Rina Suzuki"), ("consistency", "Rina Suzuki", "--json")):
            none = cli(*args)
            check("%s without references: exit 1 and how to fix it" % " ".join(args[1:]),
                  none.returncode == 1 and none.stdout == ""
                  and "no reference image" in none.stderr
                  and "Add reference images" in none.stderr, none.stdout + none.stderr)

        usage = cli("consistency")
        check("consistency without a character: exit 2 and the usage", usage.returncode == 2
              and "lorakeet-cli consistency CHARACTER" in usage.stderr, usage.stderr)
        unknown = cli("consistency", "Nobody At All")
        check("consistency of an unknown character: exit 1, naming it", unknown.returncode == 1
              and "Nobody At All" in unknown.stderr, unknown.stderr)

        # two frames of Mei from the simulator, and a reference sheet for her
        for seed in ("11", "12"):
            run = cli("generate", "Mei Kobayashi", "--wait", "--seed", seed)
            check("generate Mei (seed %s)" % seed, run.returncode == 0, run.stdout + run.stderr)
        reference = os.path.join(base, "mei-sheet.png")
        write_character_png(reference)
        added = cli("references", "add", "Mei Kobayashi", reference, "--role", "reference-sheet")
        check("references add", added.returncode == 0, added.stdout + added.stderr)

        scored = cli("consistency", "Mei Kobayashi", "--json")
        doc = load(scored) or {}
        queue = doc.get("queue", [])
        scores = [entry.get("score", -1) for entry in queue]
        check("consistency --json: her frames scored against her reference, outliers first",
              scored.returncode == 0 and doc.get("character") == "Mei Kobayashi"
              and doc.get("references") == 1 and doc.get("scored") == 2
              and doc.get("skipped") == [] and len(queue) == 2
              and all({"content_hash", "output_id", "file", "subfolder", "score",
                       "palette_distance", "hash_distance", "references"} <= set(entry)
                      for entry in queue)
              and all(entry["references"] == 1 and isinstance(entry["output_id"], int)
                      and len(entry["content_hash"]) == 64 for entry in queue)
              and all(s >= 0 for s in scores) and scores == sorted(scores, reverse=True),
              scored.stdout + scored.stderr)

        text = cli("consistency", "Mei")
        lines = text.stdout.splitlines()
        check("consistency, human output: a summary line and one row per frame",
              text.returncode == 0 and len(lines) == 4
              and lines[0].startswith("Mei Kobayashi: 2 frames scored against 1 references")
              and "score" in lines[1] and all(l.split()[0].replace(".", "").isdigit()
                                              for l in lines[2:]),
              text.stdout + text.stderr)

        # an approved frame leaves the review queue and joins the signature
        first = os.path.join(cache, "lorakeet", "downloads")
        frames = sorted(os.path.join(root, name) for root, _, names in os.walk(first)
                        for name in names if name.endswith(".png"))
        approved = cli("review", frames[0] if frames else "/nonexistent.png", "--approve")
        check("review --approve a frame", approved.returncode == 0,
              approved.stdout + approved.stderr)
        again = load(cli("consistency", "Mei Kobayashi", "--json")) or {}
        check("an approved frame counts as a reference and leaves the queue",
              again.get("references") == 2 and len(again.get("queue", [])) == 1,
              json.dumps(again))

        # validate: bad arguments are refused before anything runs
        for args, needle in ((("--seeds", "1,x"), "“x” is not a seed"),
                             (("--seeds", "-4"), "“-4” is not a seed"),
                             (("--strengths", "0.8,strong"), "“strong” is not a LoRA strength"),
                             (("--strengths", "20"), "between -10 and 10")):
            bad = cli("validate", "Mei Kobayashi", *args)
            check("validate %s: exit 2, naming the bad value" % " ".join(args),
                  bad.returncode == 2 and needle in bad.stderr and bad.stdout == "",
                  bad.stdout + bad.stderr)
        missing = cli("validate")
        check("validate without a character: exit 2 and the usage", missing.returncode == 2
              and "lorakeet-cli validate CHARACTER" in missing.stderr, missing.stderr)
        stray = cli("validate", "Mei", "Rina")
        check("validate with two characters: exit 2", stray.returncode == 2, stray.stderr)
        jobs = (load(cli("jobs", "--json")) or {}).get("jobs", [])
        check("refused validate runs record no job", len(jobs) == 2, json.dumps(jobs))

        # a real grid: two seeds by two strengths, one sheet
        grid = cli("validate", "Mei Kobayashi", "--seeds", "1,2", "--strengths", "0.6,1.0",
                   "--json")
        doc = load(grid) or {}
        grid_jobs = doc.get("jobs", [])
        check("validate --json: four jobs, a sheet on disk with its hash", grid.returncode == 0
              and doc.get("character") == "Mei Kobayashi" and len(grid_jobs) == 4
              and all(j.get("status") == "succeeded" for j in grid_jobs)
              and sorted(j.get("seed") for j in grid_jobs) == [1, 1, 2, 2]
              and os.path.isfile(doc.get("sheet") or "")
              and len(doc.get("content_hash") or "") == 64, grid.stdout + grid.stderr)

        # the grid's frames are scored; its sheet is not a frame of her
        after = load(cli("consistency", "Mei Kobayashi", "--json")) or {}
        sheet_hash = doc.get("content_hash")
        check("consistency after validate: the four grid frames scored, the sheet left out",
              after.get("scored") == 5
              and all(e["content_hash"] != sheet_hash for e in after.get("queue", [])),
              json.dumps(after))
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
