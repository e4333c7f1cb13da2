#!/usr/bin/env python3
# test-cli-outfits.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built lorakeet-cli's `train outfit` verbs against a scratch database of the
# harness's PostgreSQL (libpq's PG* variables, as set by pg_virtualenv): outfit triggers
# stored with the character, refused when they are not one word or are the character's own
# trigger, and trained by every export as folders of their own (real images, a real export).
# Usage: test-cli-outfits.py LORAKEET-CLI DEMO-LORA

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, DEMO_LORA = (os.path.abspath(arg) for arg in sys.argv[1:3])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lkcli import (check, install_demo, load, psql, report, drop_database,  # noqa: E402
                   scratch_database, write_png)


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def concepts(export_dir):
    """The concept folders of an export, with how many captions each holds."""
    img = os.path.join(export_dir, "img")
    return {name: len([n for n in os.listdir(os.path.join(img, name)) if n.endswith(".txt")])
            for name in os.listdir(img)}


def main():
    database = scratch_database("lk_cli_outfits")
    db = "dbname=" + database
    os.environ["LORAKEET_DEMO_DIR"] = os.path.dirname(DEMO_LORA)
    work = tempfile.mkdtemp(prefix="lk-cli-outfits-")

    try:
        install_demo(cli, db)

        for i, caption in enumerate(["rina_suzuki, smile", "rina_suzuki, rina_school_uniform",
                                     "rina_suzuki, rina_school_uniform, desk"]):
            path = os.path.join(work, "rina-%d.png" % i)
            write_png(path, 576, 640, (30 * i, 90, 140))
            add = cli("--db", db, "references", "add", "Rina", path, "--caption", caption)
            check("training image %d added" % i, add.returncode == 0, add.stderr)

        empty = load(cli("--db", db, "--json", "train", "outfit", "list", "Rina"))
        check("no outfit triggers at first", empty == [], str(empty))

        added = cli("--db", db, "train", "outfit", "add", "Rina Suzuki", "rina_school_uniform",
                    "--repeats", "3")
        second = cli("--db", db, "train", "outfit", "add", "Rina", "rina_swimsuit")
        listing = load(cli("--db", db, "--json", "train", "outfit", "list", "Rina"))
        check("train outfit add stores triggers with their repeats",
              added.returncode == 0 and second.returncode == 0
              and listing == [{"trigger": "rina_school_uniform", "repeats": 3},
                              {"trigger": "rina_swimsuit", "repeats": 10}],
              added.stdout + added.stderr + second.stderr + str(listing))

        changed = cli("--db", db, "train", "outfit", "add", "Rina", "RINA_SCHOOL_UNIFORM",
                      "--repeats", "4")
        rows = psql("SELECT string_agg (trigger_word || '=' || repeats, ',' ORDER BY "
                    "trigger_word) FROM character_outfit_triggers", database)
        check("adding a stored trigger again changes its repeats, whatever its case",
              changed.returncode == 0 and "rina_school_uniform=4,rina_swimsuit=10" in rows.stdout,
              changed.stderr + rows.stdout + rows.stderr)

        spaced = cli("--db", db, "train", "outfit", "add", "Rina", "school uniform")
        check("a trigger with a space is refused with the fix, exit 1",
              spaced.returncode == 1 and "space or a comma" in spaced.stderr
              and "underscores" in spaced.stderr, spaced.stderr)
        comma = cli("--db", db, "train", "outfit", "add", "Rina", "a,b")
        check("a trigger with a comma is refused, exit 1",
              comma.returncode == 1 and "space or a comma" in comma.stderr, comma.stderr)
        own = cli("--db", db, "train", "outfit", "add", "Rina", "rina_suzuki")
        check("the character's own trigger is refused, exit 1",
              own.returncode == 1 and "own trigger word" in own.stderr, own.stderr)
        bad_repeats = cli("--db", db, "train", "outfit", "add", "Rina", "rina_coat",
                          "--repeats", "0")
        check("repeats out of range are refused, exit 2",
              bad_repeats.returncode == 2 and "1 to 1000" in bad_repeats.stderr,
              bad_repeats.stderr)
        nobody = cli("--db", db, "train", "outfit", "add", "Nobody", "nobody_coat")
        check("an unknown character is refused", nobody.returncode != 0 and nobody.stderr,
              nobody.stderr)
        usage = cli("--db", db, "train", "outfit", "add", "Rina")
        check("a missing trigger prints the usage, exit 2",
              usage.returncode == 2 and "train outfit add" in usage.stderr, usage.stderr)

        export_dir = os.path.join(work, "export")
        export = cli("--db", db, "train", "export", "Rina", export_dir, "--repeats", "2")
        found = concepts(export_dir) if export.returncode == 0 else {}
        check("train export trains the stored outfits as folders of their own",
              found == {"2_rina_suzuki 1girl": 1, "4_rina_suzuki rina_school_uniform": 2},
              export.stdout + export.stderr + str(found))
        check("an outfit without images is reported",
              "“rina_swimsuit” has no image" in export.stdout, export.stdout)

        override_dir = os.path.join(work, "override")
        override = cli("--db", db, "train", "export", "Rina", override_dir,
                       "--outfit", "rina_school_uniform=7", "--outfit", "rina_beret=2")
        found = concepts(override_dir) if override.returncode == 0 else {}
        stored = load(cli("--db", db, "--json", "train", "outfit", "list", "Rina"))
        check("--outfit overrides and adds for that export only",
              found == {"10_rina_suzuki 1girl": 1, "7_rina_suzuki rina_school_uniform": 2}
              and "“rina_beret” has no image" in override.stdout
              and stored == [{"trigger": "rina_school_uniform", "repeats": 4},
                             {"trigger": "rina_swimsuit", "repeats": 10}],
              override.stdout + override.stderr + str(found) + str(stored))

        removed = cli("--db", db, "train", "outfit", "remove", "Rina", "rina_swimsuit")
        again = cli("--db", db, "train", "outfit", "remove", "Rina", "rina_swimsuit")
        listing = load(cli("--db", db, "--json", "train", "outfit", "list", "Rina"))
        check("train outfit remove removes it; removing it again says so, exit 1",
              removed.returncode == 0 and again.returncode == 1
              and "no outfit trigger “rina_swimsuit”" in again.stderr
              and listing == [{"trigger": "rina_school_uniform", "repeats": 4}],
              removed.stderr + again.stderr + str(listing))

        text = cli("--db", db, "train", "outfit", "list", "Rina")
        check("train outfit list prints triggers and repeats",
              text.returncode == 0 and "rina_school_uniform" in text.stdout
              and "4 repeats" in text.stdout, text.stdout + text.stderr)

    finally:
        shutil.rmtree(work, ignore_errors=True)
        drop_database(database)

    return report()


if __name__ == "__main__":
    sys.exit(main())
