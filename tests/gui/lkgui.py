# lkgui.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Small helpers for driving Lorakeet through AT-SPI in tests: start the app, wait for its
# window with a bounded loop, search the accessible tree, take a screenshot of the display.

import os
import shutil
import subprocess
import sys
import time

SKIP = 77


def skip(reason):
    print('1..0 # SKIP %s' % reason)
    sys.exit(SKIP)


def check(condition, message):
    if not condition:
        print('not ok - %s' % message)
        sys.exit(1)


def skip_unless_display():
    if not os.environ.get('DISPLAY'):
        skip('no X display (run under xvfb-run)')
    wait_for_x_socket(os.environ['DISPLAY'])
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        skip('no D-Bus session (run under dbus-run-session)')
    try:
        import pyatspi  # noqa: F401
    except ImportError:
        skip('python3-pyatspi is not installed')


def wait_for_x_socket(display, timeout=10.0):
    """Waits, bounded, until the X server of @display listens, so a test started right after
    Xvfb does not race it."""
    number = display.split(':')[-1].split('.')[0]
    path = '/tmp/.X11-unix/X%s' % number
    deadline = time.monotonic() + timeout
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.1)


class Application:
    """The real Lorakeet, started in the test's display and stopped on exit."""

    def __init__(self, path, args=(), env=None):
        self.path = path
        self.args = list(args)
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.env.pop('NO_AT_BRIDGE', None)
        self.env['GTK_A11Y'] = 'atspi'
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen([self.path] + self.args, env=self.env)
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return False

    def wait_for_frame(self, title, timeout=30.0):
        import pyatspi
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            check(self.proc.poll() is None,
                  'the application exited with status %s' % self.proc.returncode)
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                if app is None:
                    continue
                try:
                    pid = app.get_process_id()
                except Exception:
                    continue
                if pid != self.proc.pid:
                    continue
                for j in range(app.childCount):
                    frame = app.getChildAtIndex(j)
                    if frame is not None and title in (frame.name or ''):
                        return frame
            time.sleep(0.2)
        check(False, 'no window titled "%s" appeared within %.0f s' % (title, timeout))


def find(root, predicate, max_nodes=5000):
    """Breadth-first search of the accessible tree, bounded in size."""
    queue = [root]
    seen = 0
    while queue and seen < max_nodes:
        node = queue.pop(0)
        seen += 1
        try:
            if predicate(node):
                return node
            queue.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            continue
    return None


def is_showing(node):
    """Visible with a non-empty area. GTK 4.8 exports SHOWING only on windows, so the state
    alone cannot tell."""
    import pyatspi
    if not node.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return box.width > 0 and box.height > 0


def screenshot(path, frame=None):
    """Saves the X display as a PNG (ImageMagick's import), cropped to @frame when given.

    Xvfb runs no window or compositing manager, so GTK places its window at the origin
    without shadows and the frame's size is its size on screen (GTK 4 cannot report screen
    positions, only sizes)."""
    time.sleep(0.5)  # let the last frame reach the screen
    importer = shutil.which('import')
    check(importer is not None, 'ImageMagick is needed for screenshots')
    command = [importer, '-window', 'root']
    if frame is not None:
        import pyatspi
        box = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if box.width > 0 and box.height > 0:
            command += ['-crop', '%dx%d+0+0' % (box.width, box.height), '+repage']
    subprocess.run(command + [path], check=True, timeout=30)
    print('# screenshot: %s' % path)


def mean_brightness(path, node):
    """Mean brightness, 0 to 1, of the part of screenshot @path (taken of @node's window)
    that @node covers."""
    import pyatspi
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    check(box.width > 0 and box.height > 0, 'no extents for %r' % node.name)
    print('# %s at %dx%d+%d+%d' % (node.name, box.width, box.height, box.x, box.y))
    converter = shutil.which('convert')
    check(converter is not None, 'ImageMagick is needed to read screenshots')
    out = subprocess.run([converter, path, '-crop', '%dx%d+%d+%d' % (box.width, box.height,
                                                                      box.x, box.y),
                          '+repage', '-colorspace', 'gray', '-format', '%[fx:mean]', 'info:'],
                         check=True, capture_output=True, text=True, timeout=30)
    return float(out.stdout.strip())


def wait_until(probe, timeout, message, interval=0.2):
    """Calls @probe until it returns something true, for at most @timeout seconds; returns
    that value, or fails the test with @message."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
        except Exception:
            value = None
        if value:
            return value
        if time.monotonic() >= deadline:
            check(False, '%s (waited %.0f s)' % (message, timeout))
        time.sleep(interval)


def find_all(root, predicate, max_nodes=5000):
    """Every node of the accessible tree under @root (breadth first, bounded) that matches."""
    found = []
    queue = [root]
    seen = 0
    while queue and seen < max_nodes:
        node = queue.pop(0)
        seen += 1
        try:
            if predicate(node):
                found.append(node)
            queue.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            continue
    return found


def find_named(root, name, role=None):
    """The first node called @name (and of the role named @role, such as 'label'), or None."""
    return find(root, lambda n: n.name == name and (role is None or n.getRoleName() == role))


def select_list_item(list_node, name):
    """Selects, through the list's AT-SPI Selection interface, the item showing @name.
    Returns whether an item was found and selected."""
    for index in range(list_node.childCount):
        item = list_node.getChildAtIndex(index)
        if item is not None and find_named(item, name) is not None:
            return bool(list_node.querySelection().selectChild(index))
    return False


# Keyboard input through the accessibility registry (XTest underneath on X11). Keysyms are
# X11's (0xff0d Return, 0xff1b Escape, 0xff54 Down…).
KEY_RETURN = 0xff0d
KEY_ESCAPE = 0xff1b
KEY_UP = 0xff52
KEY_DOWN = 0xff54


def press_key(keysym):
    import pyatspi
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    time.sleep(0.2)


def type_text(text):
    import pyatspi
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.2)


def press_ctrl(letter):
    """Control plus a letter key, by keycode (Xvfb's default evdev layout)."""
    import pyatspi
    keycodes = {'f': 41, 'q': 24, 'w': 25}
    control_l = 37
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keycodes[letter], None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.2)


# Roles an artist operates; each needs a name a screen reader can say.
CONTROL_ROLES = ('push button', 'toggle button', 'check box', 'radio button', 'combo box',
                 'text', 'entry', 'password text', 'spin button', 'slider', 'switch', 'link',
                 'menu button')


def unnamed_controls(root, max_nodes=20000):
    """Descriptions of the showing, focusable controls under @root without an accessible name
    (a name from a label through "labelled by" counts), for a check that each has one."""
    import pyatspi
    found = []
    # What the keyboard cannot reach (such as GTK's own "Show Text" icon in a password entry,
    # which has a tooltip) is left out: a screen reader meets controls through the focus.
    for node in find_all(root, lambda n: n.getRoleName() in CONTROL_ROLES and is_showing(n)
                         and n.getState().contains(pyatspi.STATE_FOCUSABLE), max_nodes):
        name = (node.name or '').strip()
        # GTK falls back to the widget's type name ("GtkToggleButton") when there is none
        if name and not (name.startswith('Gtk') and ' ' not in name):
            continue
        parent = node.parent
        inside = [child.getRoleName() + (' "%s"' % child.name if child.name else '')
                  for child in (node.getChildAtIndex(i) for i in range(node.childCount)) if child]
        found.append('%s (%s; holding %s) in %s "%s"' % (
            node.getRoleName(), node.description or 'no description', inside or 'nothing',
            parent.getRoleName() if parent else '?', (parent.name if parent else '') or ''))
    return found
