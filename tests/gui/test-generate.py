#!/usr/bin/python3
# test-generate.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generating in the real window, driven through AT-SPI: a scratch database of the harness's
# PostgreSQL holding the demo studio, the ComfyUI simulator on a loopback port writing into the
# output folder the gallery shows. Select Mei Kobayashi and see her LoRA card; stop the
# simulator (the server banner shows, Generate is disabled) and start it again on the same port
# (the banner goes); then generate with Ctrl+Return, see the job's progress, see the new frame
# in the gallery, approve it in the viewer and find the approval in the catalog. Generating
# after the outage also shows that the restarted server is really used. Screenshots of every
# step go to SCREENSHOT-DIR.
#
# Usage: test-generate.py LORAKEET LORAKEET-CLI LK-COMFY-SIM DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402

TIMEOUT = 30
MEI_LORA = 'mei_working_v1'
results = []
running = []  # the application under test, so that a failure can say whether it crashed


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))
    sys.stdout.flush()


def psql(sql, database='postgres'):
    return subprocess.run(['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', database,
                           '-c', sql], capture_output=True, text=True, timeout=60)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def gvariant_string(text):
    return "'%s'" % text.replace('\\', '\\\\').replace("'", "\\'")


class Simulator:
    """The ComfyUI simulator on a fixed loopback port, so that it can come back on it."""

    def __init__(self, path, base, port):
        self.path, self.base, self.port = path, base, port
        self.output = os.path.join(base, 'output')
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([self.path, '--port', str(self.port), '--demo-models',
                                      '--base-dir', self.base, '--output-dir', self.output,
                                      '--step-ms', '600'],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline().strip()
        lkgui.check(line.startswith('listening on '), 'the simulator did not start: %r' % line)
        return line[len('listening on '):]

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def region(frame, name, required=True):
    """The named region; the tree changes while jobs run, so a search may miss it once."""
    node = None
    for _ in range(5 if required else 1):
        node = lkgui.find(frame, lambda n: n.name == name and n.getRoleName() == 'panel',
                          max_nodes=20000)
        if node is not None:
            return node
        time.sleep(0.2)
    if running and running[0].proc.poll() is not None:
        lkgui.check(False, 'the application exited with status %s' % running[0].proc.returncode)
    lkgui.check(not required, 'the "%s" region is missing' % name)
    return None


def character_list(frame):
    return lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                               and n.getRoleName() == 'list'),
                            TIMEOUT, 'the character list never appeared')


def select(frame, name):
    lst = character_list(frame)
    lkgui.wait_until(lambda: lkgui.select_list_item(lst, name), TIMEOUT,
                     'could not select "%s"' % name)


def banner_texts(frame):
    """What every banner shown says."""
    texts = []
    for banner in lkgui.find_all(frame, lambda n: n.getRoleName() == 'status bar'):
        labels = lkgui.find_all(banner, lambda n: n.getRoleName() == 'label' and n.name
                                and lkgui.is_showing(n))
        texts.extend(label.name for label in labels)
    return texts


def server_banner(frame):
    return next((t for t in banner_texts(frame) if 'ComfyUI' in t), None)


def generate_button(frame):
    return lkgui.find(region(frame, 'Generate'),
                      lambda n: n.getRoleName() == 'push button' and 'Generate' in (n.name or ''))


def is_enabled(node):
    import pyatspi
    return node is not None and node.getState().contains(pyatspi.STATE_SENSITIVE)


def output_tiles(frame):
    import pyatspi
    return lkgui.find_all(frame, lambda n: n.getRole() == pyatspi.ROLE_IMAGE
                          and (n.name or '').startswith('anime_image_'), max_nodes=20000)


def progress_values(frame):
    jobs = region(frame, 'Jobs', required=False)
    bars = lkgui.find_all(jobs, lambda n: n.getRoleName() == 'progress bar') if jobs else []
    values = []
    for bar in bars:
        try:
            values.append(bar.queryValue().currentValue)
        except Exception:
            continue
    return values


def press_ctrl_return():
    import pyatspi
    control_l, return_key = 37, 36
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(return_key, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.2)


def click(node, double=False):
    import pyatspi
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = box.x + box.width // 2, box.y + box.height // 2
    pyatspi.Registry.generateMouseEvent(x, y, 'b1d' if double else 'b1c')
    time.sleep(0.3)


def steps(app_path, env, sim, db, shots):
    with lkgui.Application(app_path, [], env) as app:
        running.append(app)
        frame = app.wait_for_frame('Lorakeet')

        select(frame, 'Mei Kobayashi')
        lkgui.wait_until(lambda: lkgui.find_named(region(frame, 'Inspector'), MEI_LORA), TIMEOUT,
                         'the inspector does not show Mei\'s LoRA %s' % MEI_LORA)
        button = lkgui.wait_until(lambda: is_enabled(generate_button(frame))
                                  and generate_button(frame), TIMEOUT,
                                  'Generate stayed disabled for Mei: %r' % banner_texts(frame))
        lkgui.check(server_banner(frame) is None,
                    'a server banner shows while the simulator runs: %r' % banner_texts(frame))
        lkgui.screenshot(os.path.join(shots, 'generate-1-mei.png'), frame)
        ok('Mei Kobayashi shows her LoRA card and Generate is available')

        sim.stop()
        text = lkgui.wait_until(lambda: server_banner(frame), TIMEOUT,
                                'no banner after the simulator stopped')
        lkgui.check(lkgui.find(frame, lambda n: n.getRoleName() == 'push button'
                               and 'Retry Servers' in (n.name or '') and lkgui.is_showing(n))
                    is not None, 'the server banner has no Retry button')
        lkgui.wait_until(lambda: not is_enabled(generate_button(frame)), TIMEOUT,
                         'Generate stayed available without a server')
        lkgui.screenshot(os.path.join(shots, 'generate-2-server-down.png'), frame)
        ok('the stopped server shows its banner with Retry: %s' % text)

        sim.start()
        retry = lkgui.find(frame, lambda n: n.getRoleName() == 'push button'
                           and 'Retry Servers' in (n.name or '') and lkgui.is_showing(n))
        if retry is not None:
            retry.queryAction().doAction(0)
        lkgui.wait_until(lambda: server_banner(frame) is None, TIMEOUT,
                         'the server banner stayed after the simulator came back')
        lkgui.wait_until(lambda: is_enabled(generate_button(frame)), TIMEOUT,
                         'Generate did not come back with the server')
        lkgui.screenshot(os.path.join(shots, 'generate-3-server-back.png'), frame)
        ok('the server back on the same port clears the banner and Generate is available again')

        before = set(os.listdir(sim.output)) if os.path.isdir(sim.output) else set()
        prompt = lkgui.find(region(frame, 'Generate'), lambda n: n.getRoleName() == 'text'
                            and 'Prompt' in (n.name or '') and 'Negative' not in n.name)
        lkgui.check(prompt is not None, 'the Generate panel has no Prompt field')
        click(prompt)
        lkgui.type_text('smiling, school uniform')
        press_ctrl_return()
        seen = []

        def progressing():
            values = progress_values(frame)
            seen.extend(values)
            return any(0 < v < 1 for v in values)

        lkgui.wait_until(progressing, TIMEOUT, 'no job progress showed after Ctrl+Return')
        lkgui.screenshot(os.path.join(shots, 'generate-4-progress.png'), frame)
        ok('Ctrl+Return sends the job and its progress shows in the queue (%s)'
           % ', '.join('%.2f' % v for v in seen if 0 < v < 1))

        toasts = []

        def finished():
            # The toast of the finished job is up for a few seconds only: look while waiting.
            toast = lkgui.find(frame, lambda n: n.getRoleName() == 'label'
                               and (n.name or '').startswith('Finished generating Mei'))
            if toast is not None:
                toasts.append(toast.name)
            tiles = output_tiles(frame)
            return toasts and tiles and tiles[0]

        tile = lkgui.wait_until(finished, TIMEOUT * 2,
                                'the new frame never reached the gallery, or no toast said so '
                                '(toasts seen: %r)' % toasts)
        made = sorted(set(os.listdir(sim.output)) - before)
        lkgui.check(any(tile.name.startswith(name) for name in made),
                    'the gallery shows %r, the simulator wrote %r' % (tile.name, made))
        time.sleep(1.0)
        lkgui.screenshot(os.path.join(shots, 'generate-5-gallery.png'), frame)
        ok('the new frame %s is in the gallery, and a toast said "%s"'
           % (tile.name.split(',')[0], toasts[0]))

        click(tile, double=True)
        viewer = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Viewer'
                                                     and lkgui.is_showing(n)),
                                  10, 'the viewer did not open')
        time.sleep(0.5)
        lkgui.press_key(0x61)  # a
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == 'Approved'
                                            and lkgui.is_showing(n)), 10,
                         'A did not approve the frame')
        lkgui.screenshot(os.path.join(shots, 'generate-6-approved.png'), frame)
        row = lkgui.wait_until(lambda: psql(
            "SELECT o.filename, r.verdict FROM output_reviews r "
            "JOIN generation_outputs o ON o.id = r.output_id "
            "WHERE r.verdict = 'approved'", db).stdout.strip(), TIMEOUT,
            'the approval is not in the catalog')
        lkgui.check(tile.name.split(',')[0] in row, 'the catalog approved %r, not %s'
                    % (row, tile.name))
        ok('A approves the frame in the viewer and the catalog has it: %s' % row.replace('|', ' '))

        again = lkgui.find(viewer, lambda n: n.getRoleName() == 'push button'
                           and 'Generate Again' in (n.name or '') and lkgui.is_showing(n))
        lkgui.check(again is not None, 'the viewer has no "Generate Again" button')
        again.queryAction().doAction(0)
        seed = psql('SELECT seed FROM generation_jobs ORDER BY id DESC LIMIT 1', db).stdout.strip()
        panel = region(frame, 'Generate')
        spin = lkgui.wait_until(lambda: lkgui.find(panel, lambda n: n.name == 'Seed'
                                                   and n.getRoleName() == 'spin button'),
                                10, 'the Generate panel has no Seed field')
        lkgui.wait_until(lambda: str(int(spin.queryValue().currentValue)) == seed, 10,
                         'Generate Again did not fix the seed to the frame\'s %s' % seed)
        lkgui.screenshot(os.path.join(shots, 'generate-7-again.png'), frame)
        lkgui.press_key(lkgui.KEY_ESCAPE)
        ok('"Generate Again with These Settings" fills the panel with the frame\'s seed %s' % seed)

def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    app_path, cli_path, sim_path, demo_lora, shots = sys.argv[1:6]
    lkgui.skip_unless_display()
    if shutil.which('psql') is None or psql('SELECT 1').returncode != 0:
        lkgui.skip('no PostgreSQL server reachable with libpq\'s defaults')
    os.makedirs(shots, exist_ok=True)

    db = 'lk_gui_gen_%08x' % random.getrandbits(32)
    lkgui.check(psql('CREATE DATABASE %s' % db).returncode == 0, 'cannot create a database')
    root = tempfile.mkdtemp(prefix='lk-gui-generate-')
    sim = Simulator(sim_path, os.path.join(root, 'comfy'), free_port())
    try:
        env = {'LORAKEET_DEMO_DIR': os.path.dirname(os.path.abspath(demo_lora))}
        demo = subprocess.run([cli_path, '--db', 'dbname=' + db, 'db', 'demo'],
                              env=dict(os.environ, **env), capture_output=True, text=True,
                              timeout=120)
        lkgui.check(demo.returncode == 0, 'installing the demo studio failed: %s' % demo.stderr)

        url = sim.start()
        os.makedirs(sim.output, exist_ok=True)
        settings = os.path.join(root, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/lorakeet/Lorakeet]\n'
                    'database-conninfo=%s\ncomfyui-servers=[%s]\noutput-folder=%s\n'
                    'window-width=1280\nwindow-height=800\n'
                    % (gvariant_string('dbname=' + db), gvariant_string(url),
                       gvariant_string(sim.output)))
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': os.path.join(root, 'config'),
            'XDG_DATA_HOME': os.path.join(root, 'data'),
            'XDG_CACHE_HOME': os.path.join(root, 'cache'),
        })
        for name in ('LORAKEET_DB', 'LORAKEET_COMFYUI'):
            os.environ.pop(name, None)

        print('1..7')
        try:
            steps(app_path, env, sim, db, shots)
        except SystemExit:
            lkgui.screenshot(os.path.join(shots, 'generate-failed.png'))
            raise
    finally:
        sim.stop()
        shutil.rmtree(root, ignore_errors=True)
        psql('DROP DATABASE IF EXISTS %s WITH (FORCE)' % db)
    return 0


if __name__ == '__main__':
    sys.exit(main())
