#!/usr/bin/env python3
# test-cli-gallery.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli's gallery verbs against a scratch database of the harness's
# PostgreSQL (libpq's PG* variables, as set by pg_virtualenv) and ComfyUI-style PNGs written
# here: `provenance` (the frame's chunks, its job record, the wrong-LoRA verdict, damaged and
# missing files), `thumbnails` (made, then reused from the shared cache, failures named) and
# `review` / `outputs` (a review stored by content hash and listed with its author).
# Usage: test-cli-gallery.py LORAKEET-CLI DEMO-LORA

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, DEMO_LORA = (os.path.abspath(arg) for arg in sys.argv[1:3])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import (check, install_demo, load, report, drop_database,  # noqa: E402
                   scratch_database, write_png)

SERVER = "http://127.0.0.1:8188"


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, env=env)


def comfy_prompt(lora, seed, positive):
    """The API-format graph ComfyUI writes into a PNG's `prompt` chunk."""
    return {
        "4": {"class_type": "CheckpointLoaderSimple",
              "inputs": {"ckpt_name": "animagine-xl-3.1.safetensors"}},
        "10": {"class_type": "LoraLoader",
               "inputs": {"lora_name": lora, "strength_model": 0.8, "strength_clip": 0.6,
                          "model": ["4", 0], "clip": ["4", 1]}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": positive, "clip": ["10", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres", "clip": ["10", 1]}},
        "5": {"class_type": "EmptyLatentImage",
              "inputs": {"width": 832, "height": 1216, "batch_size": 1}},
        "3": {"class_type": "KSampler",
              "inputs": {"seed": seed, "steps": 28, "cfg": 7.0, "sampler_name": "euler",
                         "scheduler": "normal", "denoise": 1.0, "model": ["10", 0],
                         "positive": ["6", 0], "negative": ["7", 0],
                         "latent_image": ["5", 0]}},
        "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "anime_image",
                                                    "images": ["8", 0]}},
    }


def record_job(database, character, filename, workflow, who):
    """Records a finished job of @character that made @filename; returns the job's id."""
    sql = ("WITH j AS (INSERT INTO generation_jobs (character_id, server_url, workflow, status, "
           "created_by, finished_at) SELECT id, '%s', '%s'::jsonb, 'succeeded', '%s', now () "
           "FROM characters WHERE name = '%s' RETURNING id), "
           "o AS (INSERT INTO generation_outputs (job_id, filename, kind) "
           "SELECT id, '%s', 'image' FROM j) SELECT id FROM j"
           % (SERVER, json.dumps(workflow).replace("'", "''"), who, character, filename))
    run = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", database,
                          "-c", sql], capture_output=True, text=True)
    return run.stdout.strip()


def main():
    database = scratch_database("lk_cli_gallery")
    db = "dbname=" + database
    os.environ["LORAKEET_DEMO_DIR"] = os.path.dirname(DEMO_LORA)
    work = tempfile.mkdtemp(prefix="lk-cli-gallery-")
    # The shared thumbnail cache of a user of our own
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))

    try:
        install_demo(cli, db)

        output = os.path.join(work, "output")
        os.makedirs(os.path.join(output, "mei"))
        mei_graph = comfy_prompt("mei_working_v1.safetensors", 1234, "mei, office, smile")
        mei_frame = os.path.join(output, "mei", "anime_image_1767225600_00001_.png")
        write_png(mei_frame, 96, 140, (200, 120, 90), {"prompt": json.dumps(mei_graph)})
        mei_job = record_job(database, "Mei Kobayashi", os.path.basename(mei_frame), mei_graph,
                             "aiko")
        # Rina's job, made with Mei's LoRA: the studio's "wrong character generated"
        wrong_graph = comfy_prompt("mei_working_v1.safetensors", 99, "rina, school")
        wrong_frame = os.path.join(output, "anime_image_1767225601_00001_.png")
        write_png(wrong_frame, 96, 140, (90, 120, 200), {"prompt": json.dumps(wrong_graph)})
        record_job(database, "Rina Suzuki", os.path.basename(wrong_frame), wrong_graph, "aiko")
        plain = os.path.join(output, "anime_image_1767225602_00001_.png")
        write_png(plain, 64, 64, (10, 200, 10))
        empty = os.path.join(output, "anime_image_1767225603_00001_.png")
        open(empty, "wb").close()
        with open(mei_frame, "rb") as f:
            whole = f.read()
        cut = os.path.join(output, "anime_image_1767225604_00001_.png")
        with open(cut, "wb") as f:
            f.write(whole[:len(whole) // 2])
        check("the job was recorded", mei_job.isdigit(), mei_job)

        # provenance ---------------------------------------------------------------------
        shown = cli("--db", db, "--json", "provenance", mei_frame)
        doc = load(shown) or {}
        loras = doc.get("loras") or [{}]
        check("provenance --json reads the checkpoint, LoRA, seed, prompt and sampler",
              shown.returncode == 0 and doc.get("checkpoint") == "animagine-xl-3.1.safetensors"
              and loras[0].get("name") == "mei_working_v1.safetensors"
              and abs(loras[0].get("strength_model", 0) - 0.8) < 1e-9
              and doc.get("seed") == 1234 and doc.get("positive") == "mei, office, smile"
              and (doc.get("sampler") or {}).get("name") == "euler",
              shown.stdout + shown.stderr)
        job = doc.get("catalog") or {}
        check("provenance --json adds the job record from the catalog",
              str(job.get("job_id")) == mei_job and job.get("status") == "succeeded"
              and job.get("character") == "Mei Kobayashi" and job.get("server") == SERVER
              and job.get("created_by") == "aiko" and job.get("created_at")
              and job.get("finished_at") and job.get("lora_verdict") == "ok",
              json.dumps(job))

        text = cli("--db", db, "provenance", mei_frame)
        check("provenance prints the job's character, submitter and server",
              text.returncode == 0 and "Mei Kobayashi" in text.stdout and "aiko" in text.stdout
              and SERVER in text.stdout and "mei_working_v1.safetensors" in text.stdout,
              text.stdout + text.stderr)

        offline = load(cli("--db", db, "--json", "provenance", "--offline", mei_frame)) or {}
        check("provenance --offline reads the frame only",
              offline.get("seed") == 1234 and offline.get("catalog") is None, json.dumps(offline))

        wrong = cli("--db", db, "provenance", wrong_frame)
        check("a frame of Rina made with Mei's LoRA is flagged, exit 1",
              wrong.returncode == 1 and "Rina Suzuki" in wrong.stdout
              and "mei_working_v1" in wrong.stdout, wrong.stdout + wrong.stderr)

        bare = load(cli("--db", db, "--json", "provenance", plain)) or {}
        check("a PNG without ComfyUI's chunks is a result, not an error",
              bare.get("has_metadata") is False, json.dumps(bare))

        damaged = cli("--db", db, "provenance", cut)
        check("a truncated PNG is refused with the reason, exit 1",
              damaged.returncode == 1 and len(damaged.stderr.strip()) > 20,
              damaged.stdout + damaged.stderr)
        missing = cli("--db", db, "provenance", os.path.join(work, "nowhere.png"))
        check("a missing file is named, exit 1",
              missing.returncode == 1 and "nowhere.png" in missing.stderr, missing.stderr)

        # thumbnails ---------------------------------------------------------------------
        first = cli("--json", "thumbnails", output, "--size", "normal", env=env)
        made = load(first) or {}
        failed = {os.path.basename(f.get("path", "")): f.get("reason", "")
                  for f in made.get("failures", [])}
        check("thumbnails makes the good ones and names each failure, exit 1",
              first.returncode == 1 and made.get("files") == 5 and made.get("made") == 3
              and made.get("reused") == 0 and made.get("failed") == 2
              and set(failed) == {os.path.basename(empty), os.path.basename(cut)}
              and all(len(reason) > 10 for reason in failed.values()),
              first.stdout + first.stderr)

        uri = "file://" + mei_frame
        entry = os.path.join(work, "cache", "thumbnails", "normal",
                             hashlib.md5(uri.encode()).hexdigest() + ".png")
        data = b""
        if os.path.exists(entry):
            with open(entry, "rb") as f:
                data = f.read()
        check("the cache entry is where the freedesktop spec puts it, with Thumb::URI",
              data.startswith(b"\x89PNG") and b"Thumb::URI\x00" + uri.encode() in data,
              entry)

        again = load(cli("--json", "thumbnails", output, "--size", "normal", env=env)) or {}
        check("a second run reuses the cache and skips the known failures",
              again.get("made") == 0 and again.get("reused") == 3 and again.get("failed") == 2,
              json.dumps(again))

        text = cli("thumbnails", output, env=env)
        check("thumbnails prints counts, failures and time",
              text.returncode == 1 and "3 made" in text.stdout and "2 failed" in text.stdout
              and "files/s" in text.stdout and os.path.basename(cut) in text.stdout,
              text.stdout + text.stderr)

        bad_size = cli("thumbnails", output, "--size", "huge", env=env)
        check("an unknown --size is refused with the choices, exit 2",
              bad_size.returncode == 2 and "x-large" in bad_size.stderr, bad_size.stderr)
        no_folder = cli("thumbnails", os.path.join(work, "absent"), env=env)
        check("a missing folder is named, exit 2",
              no_folder.returncode == 2 and "absent" in no_folder.stderr, no_folder.stderr)

        # review and outputs -------------------------------------------------------------
        reviewed = cli("--db", db, "review", mei_frame, "--approve", "--rating", "4",
                       "--note", "hands need fixing", "--who", "aiko")
        check("review stores the verdict, rating and note", reviewed.returncode == 0,
              reviewed.stdout + reviewed.stderr)

        moved = os.path.join(work, "renamed.png")
        shutil.copy(mei_frame, moved)
        listed = load(cli("--db", db, "--json", "outputs", "--character", "Mei")) or []
        review = (listed[0].get("review") or {}) if listed else {}
        check("outputs --character lists Mei's frame with its review and who made it",
              len(listed) == 1 and listed[0].get("file") == os.path.basename(mei_frame)
              and str(listed[0].get("job_id")) == mei_job and review.get("verdict") == "approved"
              and review.get("rating") == 4 and review.get("note") == "hands need fixing"
              and review.get("by") == "aiko" and review.get("at"),
              json.dumps(listed))

        # The review follows the content: a renamed copy gets the same verdict.
        again = cli("--db", db, "--json", "review", moved, "--rating", "5")
        stored = load(again) or {}
        check("a renamed copy keeps the verdict (reviews follow the content hash)",
              again.returncode == 0 and stored.get("verdict") == "approved"
              and stored.get("rating") == 5, again.stdout + again.stderr)

        nobody = cli("--db", db, "outputs", "--character", "Nobody")
        check("outputs for an unknown character says so", nobody.returncode != 0
              and "Nobody" in nobody.stderr, nobody.stderr)
        usage = cli("--db", db, "review", mei_frame)
        check("review without a verdict, rating or note prints the usage, exit 2",
              usage.returncode == 2 and "--approve" in usage.stderr, usage.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        drop_database(database)

    return report()


if __name__ == "__main__":
    sys.exit(main())
