# lkcli.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the lorakeet-cli tests share: psql against the test cluster and scratch databases on
# it, TAP results, reading --json output, the ComfyUI simulator on an ephemeral loopback port,
# and real PNG files written without an imaging library.

import json
import random
import shutil
import struct
import subprocess
import sys
import zlib

results = []


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                          capture_output=True, text=True)


def scratch_database(prefix):
    """Creates an empty database named @prefix plus a random suffix on the test cluster and
    returns its name. Without a reachable PostgreSQL server the test is skipped (a TAP plan of
    0 with SKIP, exit 0, which meson reports as skipped); when the database cannot be created
    it bails out (exit 1)."""
    if shutil.which("psql") is None or psql("SELECT 1").returncode != 0:
        print("1..0 # SKIP no PostgreSQL server reachable with libpq's defaults")
        sys.exit(0)
    database = "%s_%08x" % (prefix, random.getrandbits(32))
    if psql("CREATE DATABASE %s" % database).returncode != 0:
        print("Bail out! cannot create a scratch database")
        sys.exit(1)
    return database


def drop_database(database):
    psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % database)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def install_demo(cli, db):
    """Migrates the scratch catalog @db and installs the demo studio in it, through the test's
    own @cli runner; one TAP check."""
    migrate = cli("--db", db, "db", "migrate")
    demo = cli("--db", db, "db", "demo")
    check("the demo studio is installed", migrate.returncode == 0 and demo.returncode == 0,
          migrate.stderr + demo.stderr)


def load(proc):
    """The JSON a command printed, or None when it printed something else."""
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return None


def write_png(path, width, height, colour, text=None):
    """Writes a real RGB PNG by hand. @colour is an (r, g, b) for every pixel, or a function
    of (x, y) giving one; @text is a dict of tEXt chunks, such as ComfyUI's `prompt`."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    if callable(colour):
        rows = b"".join(b"\0" + b"".join(bytes(colour(x, y)) for x in range(width))
                        for y in range(height))
    else:
        rows = (b"\0" + bytes(colour) * width) * height
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        for key, value in (text or {}).items():
            f.write(chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
        f.write(chunk(b"IDAT", zlib.compress(rows)))
        f.write(chunk(b"IEND", b""))


def start_sim(sim_path, base):
    """The simulator writing under @base; returns the process and its URL."""
    sim = subprocess.Popen([sim_path, "--port", "0", "--demo-models", "--base-dir", base,
                            "--step-ms", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = sim.stdout.readline().strip()
    if not line.startswith("listening on "):
        sim.kill()
        raise RuntimeError("the simulator did not start: %r" % line)
    return sim, line[len("listening on "):]


def report():
    """Prints the TAP plan and results; returns the exit status."""
    print("1..%d" % len(results))
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, name))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print("# " + line)
    return 1 if failed else 0
