# lkstudio.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the generating GUI tests share: a scratch database of the harness's PostgreSQL holding
# the demo studio, ComfyUI simulators on fixed loopback ports (so that one can stop and come
# back on the same port), private settings and folders for the application, and the few
# accessible-tree queries about the main window that every such test makes.

import os
import random
import shutil
import socket
import subprocess
import tempfile
import time

import lkgui

TIMEOUT = 30


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

    def __init__(self, path, base, port=None, step_ms=600):
        self.path, self.base = path, base
        self.port = port if port is not None else free_port()
        self.step_ms = step_ms
        self.output = os.path.join(base, 'output')
        self.url = None
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([self.path, '--port', str(self.port), '--demo-models',
                                      '--base-dir', self.base, '--output-dir', self.output,
                                      '--step-ms', str(self.step_ms)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline().strip()
        lkgui.check(line.startswith('listening on '), 'the simulator did not start: %r' % line)
        self.url = line[len('listening on '):]
        os.makedirs(self.output, exist_ok=True)
        return self.url

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class Studio:
    """The demo studio in a scratch database, and the application's private settings pointing
    at it, at @servers (URLs) and at @output_folder. Skips the test without PostgreSQL."""

    def __init__(self, cli_path, demo_lora, prefix):
        if shutil.which('psql') is None or psql('SELECT 1').returncode != 0:
            lkgui.skip('no PostgreSQL server reachable with libpq\'s defaults')
        self.cli_path = cli_path
        self.demo_dir = os.path.dirname(os.path.abspath(demo_lora))
        self.db = 'lk_gui_%s_%08x' % (prefix, random.getrandbits(32))
        self.root = tempfile.mkdtemp(prefix='lk-gui-%s-' % prefix)
        self.env = {}

    def __enter__(self):
        lkgui.check(psql('CREATE DATABASE %s' % self.db).returncode == 0,
                    'cannot create a database')
        env = {'LORAKEET_DEMO_DIR': self.demo_dir}
        demo = subprocess.run([self.cli_path, '--db', 'dbname=' + self.db, 'db', 'demo'],
                              env=dict(os.environ, **env), capture_output=True, text=True,
                              timeout=120)
        lkgui.check(demo.returncode == 0, 'installing the demo studio failed: %s' % demo.stderr)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)
        psql('DROP DATABASE IF EXISTS %s WITH (FORCE)' % self.db)
        return False

    def path(self, *names):
        return os.path.join(self.root, *names)

    def configure(self, servers, output_folder, width=1280, height=800):
        """Writes the settings; returns the environment the application runs in."""
        settings = self.path('config', 'glib-2.0', 'settings')
        os.makedirs(settings, exist_ok=True)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/lorakeet/Lorakeet]\n'
                    'database-conninfo=%s\ncomfyui-servers=[%s]\noutput-folder=%s\n'
                    'window-width=%d\nwindow-height=%d\n'
                    % (gvariant_string('dbname=' + self.db),
                       ', '.join(gvariant_string(url) for url in servers),
                       gvariant_string(output_folder), width, height))
        for name in ('LORAKEET_DB', 'LORAKEET_COMFYUI'):
            os.environ.pop(name, None)
        self.env = {
            'LORAKEET_DEMO_DIR': self.demo_dir,
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': self.path('config'),
            'XDG_DATA_HOME': self.path('data'),
            'XDG_CACHE_HOME': self.path('cache'),
        }
        return self.env

    def query(self, sql):
        return psql(sql, self.db).stdout.strip()


# The main window ---------------------------------------------------------------------------

def region(frame, name, required=True, app=None):
    """The named region; the tree changes while jobs run, so a search may miss it once."""
    node = None
    for _ in range(5 if required else 1):
        node = lkgui.find(frame, lambda n: n.name == name and n.getRoleName() == 'panel',
                          max_nodes=20000)
        if node is not None:
            return node
        time.sleep(0.2)
    if app is not None and app.proc.poll() is not None:
        lkgui.check(False, 'the application exited with status %s' % app.proc.returncode)
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


def is_selected(frame, name):
    """Whether the list item showing @name is the selected one."""
    import pyatspi
    lst = character_list(frame)
    for index in range(lst.childCount):
        item = lst.getChildAtIndex(index)
        if item is not None and lkgui.find_named(item, name) is not None:
            return item.getState().contains(pyatspi.STATE_SELECTED)
    return False


def dropdown_shows(combo):
    """What a drop-down (an AT-SPI combo box) shows as its chosen item."""
    button = lkgui.find(combo, lambda n: n.getRoleName() == 'push button')
    labels = lkgui.find_all(button, lambda n: n.getRoleName() == 'label' and n.name
                            and n.name != '(None)' and lkgui.is_showing(n))
    return labels[0].name if labels else None


def choose_in_dropdown(combo, name):
    """Opens a drop-down showing its first item and picks the item showing @name. GTK's
    drop-down follows the item activated in its list, not the list's selection: this uses the
    keyboard, from the first item, which has the focus when the list opens."""
    click(combo)
    items = lkgui.wait_until(lambda: lkgui.find(combo, lambda n: n.getRoleName() == 'list'), 10,
                             'the drop-down did not open')
    position = lkgui.wait_until(lambda: 1 + next(i for i in range(items.childCount)
                                                 if lkgui.find_named(items.getChildAtIndex(i),
                                                                     name)),
                                10, 'the drop-down does not list %s' % name) - 1
    time.sleep(0.3)
    for _ in range(position):
        lkgui.press_key(lkgui.KEY_DOWN)
    lkgui.press_key(lkgui.KEY_RETURN)
    lkgui.wait_until(lambda: dropdown_shows(combo) == name, 10,
                     'the drop-down shows %r, not %s' % (dropdown_shows(combo), name))


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


def showing_button(frame, name):
    return lkgui.find(frame, lambda n: n.getRoleName() == 'push button'
                      and name in (n.name or '') and lkgui.is_showing(n))


def generate_button(frame):
    return lkgui.find(region(frame, 'Generate'),
                      lambda n: n.getRoleName() == 'push button' and 'Generate' in (n.name or ''))


def is_enabled(node):
    import pyatspi
    return node is not None and node.getState().contains(pyatspi.STATE_SENSITIVE)


def wait_generate_enabled(frame, why):
    return lkgui.wait_until(lambda: is_enabled(generate_button(frame)) and generate_button(frame),
                            TIMEOUT, 'Generate stayed disabled %s: %r' % (why, banner_texts(frame)))


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


def find_toast(frame, prefix):
    """The label of a toast starting with @prefix, or None (toasts are up for seconds only)."""
    toast = lkgui.find(frame, lambda n: n.getRoleName() == 'label'
                       and (n.name or '').startswith(prefix), max_nodes=20000)
    return toast.name if toast is not None else None


def job_count(studio):
    return int(studio.query('SELECT count(*) FROM generation_jobs') or 0)
