#!/usr/bin/python3
# test-shell.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real application in the current (Xvfb) display and D-Bus session, finds the
# three regions of the main window through the accessibility tree, and saves a screenshot.
# Also checks the two start-up failure modes: no display (GTK's error, non-zero exit) and no
# D-Bus session (still starts, non-unique). The catalog is pointed at a port where nothing
# listens (and the folders are private), so no database is started or needed: the characters
# region then says honestly that no catalog is connected.
#
# Usage: test-shell.py PATH/TO/lorakeet SCREENSHOT-DIR
# Exit 77 (skipped) when there is no display or no accessibility stack.

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402


def unreachable_catalog():
    """--db for a catalog on a 127.0.0.1 port where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    return ['--db', 'host=127.0.0.1 port=%d dbname=lorakeet connect_timeout=3' % port]


def private_folders(root):
    return {name: os.path.join(root, name.lower())
            for name in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME')}


def test_regions_found(app_path, shots, root):
    with lkgui.Application(app_path, unreachable_catalog(), private_folders(root)) as app:
        frame = app.wait_for_frame('Lorakeet')
        for name in ('Characters', 'Inspector', 'Gallery'):
            region = lkgui.find(frame, lambda n, name=name: n.name == name)
            lkgui.check(region is not None, 'region "%s" not in the accessibility tree' % name)
            lkgui.check(lkgui.is_showing(region), 'region "%s" is not showing' % name)
        menu = lkgui.find(frame, lambda n: n.name == 'Main Menu')
        lkgui.check(menu is not None, 'the primary menu button is missing')
        lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'No Catalog Connected'),
                         30, 'the characters region shows no empty state')
        lkgui.screenshot(os.path.join(shots, 'shell.png'), frame)
    print('ok 1 - the three regions and the primary menu are in the accessibility tree')


def test_no_display_fails(app_path, root):
    env = dict(os.environ, **private_folders(root))
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    proc = subprocess.run([app_path] + unreachable_catalog(), env=env, capture_output=True,
                          text=True, timeout=30)
    lkgui.check(proc.returncode != 0, 'started without a display and exited 0')
    lkgui.check('display' in proc.stderr.lower(),
                'no display error was printed: %r' % proc.stderr)
    print('ok 2 - without a display it prints GTK\'s error and exits %d' % proc.returncode)


def test_no_dbus_still_starts(app_path, root):
    env = dict(os.environ, **private_folders(root))
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/lorakeet-test-bus'
    env['NO_AT_BRIDGE'] = '1'
    with tempfile.TemporaryFile(mode='w+') as errors:
        proc = subprocess.Popen([app_path] + unreachable_catalog(), env=env,
                                stdout=subprocess.DEVNULL, stderr=errors)
        try:
            time.sleep(3)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        errors.seek(0)
        lkgui.check(alive, 'exited without a D-Bus session: %s' % errors.read())
    print('ok 3 - without a D-Bus session it still starts')


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app_path, shots = sys.argv[1], sys.argv[2]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)
    root = tempfile.mkdtemp(prefix='lk-gui-shell-')
    try:
        print('1..3')
        test_regions_found(app_path, shots, root)
        test_no_display_fails(app_path, root)
        test_no_dbus_still_starts(app_path, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
