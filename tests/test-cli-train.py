#!/usr/bin/env python3
# test-cli-train.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli's `references` and `train` verbs against a scratch database of
# the harness's PostgreSQL (libpq's PG* variables, as set by pg_virtualenv), with the
# stand-in trainer in tests/fake-sd-scripts: real images, a real export folder, a real
# subprocess, a real .safetensors registered and assigned.
# Usage: test-cli-train.py LORAKEET-CLI DEMO-LORA FAKE-SD-SCRIPTS-DIR

import json
import os
import glob
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib

CLI, DEMO_LORA, SCRIPTS = (os.path.abspath(arg) for arg in sys.argv[1:4])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import (check, install_demo, report, drop_database, scratch_database,  # noqa: E402
                   write_png)


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database,
                           "-c", sql], capture_output=True, text=True)


def cli(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=120)


def wait_until(predicate, seconds=60):
    """Polls @predicate until it holds, for at most @seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def log_has_steps(export_dir):
    for path in glob.glob(os.path.join(export_dir, "log", "*.log")):
        with open(path, errors="replace") as f:
            if "steps:" in f.read():
                return True
    return False


def processes_mentioning(text):
    """The pids of processes whose command line mentions @text."""
    found = []
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(cmdline, "rb") as f:
                if text.encode() in f.read():
                    found.append(int(cmdline.split("/")[2]))
        except OSError:
            pass
    return found


def start_slow_run(db, export_dir):
    return subprocess.Popen([CLI, "--db", db, "train", "run", "Rina", export_dir, "--epochs", "2",
                             "--sd-scripts", SCRIPTS, "--python", sys.executable],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, LORAKEET_FAKE_TRAINER_STEP_DELAY="0.4"))


def check_run_survival(db, database, work):
    """Ctrl-C stops the trainer; a killed CLI leaves it training, and `train status` finds
    out how it ended."""
    slow = os.path.join(work, "slow")
    proc = start_slow_run(db, slow)
    started = wait_until(lambda: log_has_steps(slow))
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    logs = glob.glob(os.path.join(slow, "log", "*.log"))
    check("Ctrl-C during train run cancels it, keeps the log, exit 130",
          started and proc.returncode == 130 and "cancelled" in err and len(logs) == 1
          and logs[0] in err, "%s %s %s" % (proc.returncode, out, err))
    status = psql("SELECT status FROM training_runs WHERE export_dir = '%s'" % slow,
                  database).stdout.strip()
    check("the cancelled run is recorded", status == "cancelled", status)
    check("no trainer process is left after Ctrl-C",
          wait_until(lambda: not processes_mentioning(slow), 10), str(processes_mentioning(slow)))

    detached = os.path.join(work, "detached")
    proc = start_slow_run(db, detached)
    started = wait_until(lambda: log_has_steps(detached))
    proc.kill()
    proc.communicate(timeout=30)
    trainers = processes_mentioning(detached)
    running = cli("--db", db, "--json", "train", "status", "Rina")
    runs = json.loads(running.stdout) if running.returncode == 0 else []
    check("the trainer outlives a killed lorakeet-cli, and train status shows it running",
          started and trainers and runs and runs[0]["status"] == "running"
          and runs[0]["export_dir"] == detached and runs[0]["pid"] in trainers,
          running.stdout + running.stderr)
    ended = wait_until(lambda: not processes_mentioning(detached), 60)
    finished = cli("--db", db, "train", "status", "Rina")
    check("once it ends, train status records how: succeeded", ended
          and finished.returncode == 0 and "succeeded" in finished.stdout.splitlines()[0],
          finished.stdout + finished.stderr)


def main():
    database = scratch_database("lk_cli_train")
    db = "dbname=" + database
    os.environ["LORAKEET_DEMO_DIR"] = os.path.dirname(DEMO_LORA)
    work = tempfile.mkdtemp(prefix="lk-cli-train-")

    try:
        install_demo(cli, db)

        images = []
        for i in range(3):
            path = os.path.join(work, "rina-%d.png" % i)
            write_png(path, 576, 640, (40 * i, 80, 120))
            images.append(path)
        small = os.path.join(work, "tiny.png")
        write_png(small, 200, 300, (1, 2, 3))
        text = os.path.join(work, "notes.jpg")
        with open(text, "w") as f:
            f.write("not a picture\n")

        add = cli("--db", db, "--json", "references", "add", "Rina", *images[:2],
                  "--caption", "rina_suzuki, smile, blue hair")
        doc = json.loads(add.stdout) if add.returncode == 0 else []
        check("references add stores training images with size and hash", add.returncode == 0
              and len(doc) == 2 and doc[0]["role"] == "training-image" and doc[0]["width"] == 576
              and len(doc[0]["content_hash"]) == 64, add.stdout + add.stderr)

        third = cli("--db", db, "references", "add", "Rina", images[2], "--caption",
                    "smile, rina_suzuki")
        check("a third image with the trigger not first", third.returncode == 0, third.stderr)

        bad = cli("--db", db, "references", "add", "Rina", small, text, images[0])
        check("bad files each reported, exit 1", bad.returncode == 1
              and "200 × 300" in bad.stderr and "notes.jpg" in bad.stderr
              and "same picture" in bad.stderr, bad.stderr)

        sheet = cli("--db", db, "references", "add", "Rina", small, "--role", "reference-sheet")
        check("a small picture is fine as a reference sheet", sheet.returncode == 0, sheet.stderr)

        listing = cli("--db", db, "--json", "references", "list", "Rina Suzuki")
        doc = json.loads(listing.stdout) if listing.returncode == 0 else []
        check("references list shows four, in order", listing.returncode == 0 and len(doc) == 4
              and doc[0]["path"] == images[0] and doc[3]["role"] == "reference-sheet",
              listing.stdout + listing.stderr)

        remove = cli("--db", db, "references", "remove", str(doc[3]["id"]) if doc else "0")
        check("references remove", remove.returncode == 0 and os.path.exists(small),
              remove.stderr)
        gone = cli("--db", db, "references", "remove", "999999")
        check("removing an unknown reference, exit 1", gone.returncode == 1, gone.stderr)

        uncaptioned = os.path.join(work, "yuki.png")
        write_png(uncaptioned, 512, 512, (9, 9, 9))
        yuki = cli("--db", db, "--json", "references", "add", "Yuki", uncaptioned)
        yuki_id = json.loads(yuki.stdout)[0]["id"] if yuki.returncode == 0 else 0
        blocked = cli("--db", db, "train", "export", "Yuki", os.path.join(work, "yuki-export"))
        check("a missing caption blocks the export, exit 1", blocked.returncode == 1
              and "has no caption" in blocked.stdout and "nothing was exported" in blocked.stderr
              and not os.path.exists(os.path.join(work, "yuki-export")),
              blocked.stdout + blocked.stderr)
        captioned = cli("--db", db, "references", "caption", str(yuki_id), "yuki_tanaka, jump")
        unblocked = cli("--db", db, "train", "export", "Yuki", os.path.join(work, "yuki-export"))
        check("after references caption the export works", captioned.returncode == 0
              and unblocked.returncode == 0, captioned.stderr + unblocked.stdout + unblocked.stderr)
        removed_yuki = cli("--db", db, "references", "remove", str(yuki_id))

        empty_trigger = cli("--db", db, "train", "export", "Rina", os.path.join(work, "x"),
                            "--trigger", " ")
        check("an empty --trigger is refused, exit 1", empty_trigger.returncode == 1
              and "--trigger" in empty_trigger.stderr, empty_trigger.stderr)

        export_dir = os.path.join(work, "export")
        export = cli("--db", db, "train", "export", "Rina", export_dir, "--repeats", "2",
                     "--epochs", "1", "--dim", "8", "--trigger", "rina_suzuki")
        check("train export prints lint findings and the command", export.returncode == 0
              and "not first" in export.stdout and "train_network.py" in export.stdout
              and "--output_name=rina_suzuki_v1" in export.stdout
              and "--network_dim=8" in export.stdout and "--network_alpha=4" in export.stdout,
              export.stdout + export.stderr)
        concept = os.path.join(export_dir, "img", "2_rina_suzuki 1girl")
        with open(os.path.join(export_dir, "dataset_config.toml"), "rb") as f:
            config = tomllib.load(f)
        check("export layout and dataset_config.toml", os.path.isdir(concept)
              and len([n for n in os.listdir(concept) if n.endswith(".txt")]) == 3
              and config["datasets"][0]["subsets"][0]["image_dir"] == concept
              and config["datasets"][0]["subsets"][0]["num_repeats"] == 2, str(config))

        no_trainer = cli("--db", db, "train", "run", "Rina", export_dir,
                         env=dict(os.environ, LORAKEET_SD_SCRIPTS=""))
        check("train run without sd-scripts says what to do, exit 2",
              no_trainer.returncode == 2 and "--sd-scripts" in no_trainer.stderr,
              no_trainer.stderr)

        loras = os.path.join(work, "loras")
        failing = cli("--db", db, "train", "run", "Rina", export_dir, "--epochs", "1",
                      "--sd-scripts", SCRIPTS, "--python", sys.executable,
                      env=dict(os.environ, LORAKEET_FAKE_TRAINER_FAIL="1"))
        check("a failing trainer is reported with its last line, exit 1",
              failing.returncode == 1 and "CUDA out of memory" in failing.stderr
              and "Epoch 1 of 1" in failing.stdout, failing.stdout + failing.stderr)

        run = cli("--db", db, "train", "run", "Rina", export_dir, "--epochs", "2", "--repeats", "1",
                  "--sd-scripts", SCRIPTS, "--python", sys.executable, "--lora-folder", loras)
        check("train run streams progress, registers and assigns", run.returncode == 0
              and "Epoch 2 of 2" in run.stdout and "Step 6 of 6" in run.stdout
              and "Registered rina_suzuki_v1" in run.stdout,
              run.stdout + run.stderr)
        check("the LoRA is in the LoRA folder and the log is kept",
              os.path.exists(os.path.join(loras, "rina_suzuki_v1.safetensors"))
              and os.path.exists(os.path.join(export_dir, "log", "rina_suzuki_v1.log")))

        runs = psql("SELECT string_agg (status || ':' || (model_id IS NOT NULL)::text, ',' "
                    "ORDER BY id) FROM training_runs WHERE output_name LIKE 'rina%'",
                    database).stdout.strip()
        check("training runs are recorded with their outcome",
              runs == "exported:false,failed:false,succeeded:true", runs)

        rina = cli("--db", db, "--json", "inspect", "Rina")
        doc = json.loads(rina.stdout) if rina.returncode == 0 else {}
        lora = doc.get("lora") or {}
        check("Rina now has her own LoRA", lora.get("name") == "rina_suzuki_v1"
              and abs(lora.get("strength_model", 0) - 0.8) < 1e-6, rina.stdout + rina.stderr)
        mei = json.loads(cli("--db", db, "--json", "inspect", "Mei").stdout)
        check("Mei keeps hers", mei["lora"]["name"] == "mei_working_v1")

        next_export = cli("--db", db, "train", "export", "Rina", os.path.join(work, "v2"))
        check("the next export is version 2", next_export.returncode == 0
              and "--output_name=rina_suzuki_v2" in next_export.stdout, next_export.stdout)

        check_run_survival(db, database, work)

        empty = cli("--db", db, "train", "export", "Yuki", os.path.join(work, "yuki"))
        check("a character without training images, exit 1", empty.returncode == 1
              and "no images" in empty.stderr, empty.stdout + empty.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        drop_database(database)

    return report()


if __name__ == "__main__":
    sys.exit(main())
