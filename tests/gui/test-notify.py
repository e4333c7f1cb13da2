#!/usr/bin/python3
# test-notify.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job notifications in the real window, driven through AT-SPI and D-Bus. The test owns
# org.gtk.Notifications on the session bus (GIO then sends GNotifications there, outside a
# sandbox) and records every notification the application adds or withdraws. With the demo
# studio in a scratch database and the ComfyUI simulator:
#  1. the focused window generates for Mei Kobayashi: a toast, and no notification;
#  2. the Preferences window opened over it makes the main window inactive (AT-SPI's ACTIVE
#     state is GTK's is-active); a job sent then (the window's own win.generate over D-Bus,
#     since the keyboard goes to Preferences) ends in a notification naming Mei and the result,
#     whose default action is app.present-window;
#  3. activating that action as a notification server does (org.gtk.Actions.Activate on the
#     application's bus name) brings the main window back, active, and the notification is
#     withdrawn.
#
# Usage: test-notify.py LORAKEET LORAKEET-CLI LK-COMFY-SIM DEMO-LORA SCREENSHOT-DIR
#        test-notify.py --serve   (the notification server: one JSON line per call on stdout)
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402
from lkstudio import (TIMEOUT, Simulator, Studio, find_toast, press_ctrl_return,  # noqa: E402
                      select, wait_generate_enabled)

APP_ID = 'io.github.lorakeet.Lorakeet'
APP_PATH = '/io/github/lorakeet/Lorakeet'
results = []

NOTIFICATIONS_XML = '''
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
      <arg type="a{sv}" name="notification" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
    </method>
  </interface>
</node>
'''


def serve():
    """org.gtk.Notifications on the session bus: prints "ready" once the name is owned, then
    one JSON object per call."""
    from gi.repository import Gio, GLib

    interface = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML).interfaces[0]
    loop = GLib.MainLoop()

    def method_call(connection, sender, path, iface, method, parameters, invocation):
        args = parameters.unpack()
        record = {'call': method, 'app': args[0], 'id': args[1]}
        if method == 'AddNotification':
            record['notification'] = args[2]
        print(json.dumps(record, default=str), flush=True)
        invocation.return_value(None)

    def bus_acquired(connection, name):
        connection.register_object('/org/gtk/Notifications', interface, method_call, None, None)

    def name_acquired(connection, name):
        print('ready', flush=True)

    def name_lost(connection, name):
        print('lost', flush=True)
        loop.quit()

    Gio.bus_own_name(Gio.BusType.SESSION, 'org.gtk.Notifications',
                     Gio.BusNameOwnerFlags.NONE, bus_acquired, name_acquired, name_lost)
    loop.run()
    return 0


class NotificationServer:
    """This script's --serve mode in a child process, its calls collected as they come."""

    def __init__(self):
        self.calls = []
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--serve'],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        lkgui.check(line == 'ready', 'could not own org.gtk.Notifications: %r' % line)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self):
        for line in self.proc.stdout:
            try:
                self.calls.append(json.loads(line))
            except ValueError:
                continue

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        return False

    def added(self):
        return [c for c in self.calls if c['call'] == 'AddNotification']

    def removed(self):
        return [c for c in self.calls if c['call'] == 'RemoveNotification']


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))
    sys.stdout.flush()


def activate_action(path, name, target=None):
    """org.gtk.Actions.Activate on the application's bus name, as a notification server or the
    shell calls it."""
    params = '[<%s>]' % json.dumps(target) if target is not None else '@av []'
    proc = subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID, '--object-path', path,
                           '--method', 'org.gtk.Actions.Activate', name, params, '{}'],
                          capture_output=True, text=True, timeout=30)
    lkgui.check(proc.returncode == 0, 'activating %s on %s failed: %s' % (name, path,
                                                                        proc.stderr.strip()))


def is_active(frame):
    import pyatspi
    return frame.getState().contains(pyatspi.STATE_ACTIVE)


def open_preferences(app):
    """Control+comma, by keycode (Xvfb's default evdev layout)."""
    import pyatspi
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(59, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_RELEASE)
    return app.wait_for_frame('Preferences', TIMEOUT)


def finished_toast(frame, seen):
    toast = find_toast(frame, 'Finished generating Mei')
    if toast is not None:
        seen.append(toast)
    return seen


def steps(app_path, env, server, studio, shots):
    with lkgui.Application(app_path, [], env) as app:
        frame = app.wait_for_frame('Lorakeet')
        select(frame, 'Mei Kobayashi')
        wait_generate_enabled(frame, 'for Mei')

        lkgui.wait_until(lambda: is_active(frame), 10, 'the main window is not active at start')
        press_ctrl_return()
        toasts = lkgui.wait_until(lambda: finished_toast(frame, []), TIMEOUT,
                                  'no toast said that Mei\'s job finished')
        jobs = studio.query("SELECT count(*) FROM generation_jobs WHERE status = 'succeeded'")
        time.sleep(1.0)  # a notification would be sent with the toast: give D-Bus a moment
        lkgui.check(not server.added(), 'the focused window sent a notification: %r'
                    % server.added())
        lkgui.screenshot(os.path.join(shots, 'notify-1-toast.png'), frame)
        ok('the focused window says "%s" in a toast and sends no notification (%s job done)'
           % (toasts[0], jobs))

        preferences = open_preferences(app)
        lkgui.wait_until(lambda: is_active(preferences) and not is_active(frame), 10,
                         'the main window stayed active under Preferences')
        activate_action(APP_PATH + '/window/1', 'generate')
        added = lkgui.wait_until(server.added, TIMEOUT * 2,
                                 'no notification came while the window was inactive')
        lkgui.check(len(added) == 1, 'one job, %d notifications: %r' % (len(added), added))
        call = added[0]
        info = call['notification']
        text = '%s: %s' % (info.get('title'), info.get('body'))
        lkgui.check(call['app'] == APP_ID, 'the notification came from %r' % call['app'])
        lkgui.check('Mei Kobayashi' in text and 'Finished generating' in text,
                    'the notification does not say that Mei\'s job finished: %r' % text)
        lkgui.check(info.get('default-action') == 'app.present-window',
                    'the notification\'s default action is %r' % info.get('default-action'))
        lkgui.check(not is_active(frame), 'the main window became active by itself')
        lkgui.screenshot(os.path.join(shots, 'notify-2-inactive.png'))
        ok('with Preferences in front the finished job is notified: "%s", default action %s'
           % (text, info['default-action']))

        activate_action(APP_PATH, info['default-action'][len('app.'):],
                        info.get('default-action-target'))
        lkgui.wait_until(lambda: is_active(frame), 10,
                         'the notification\'s action did not bring the main window back')
        lkgui.wait_until(lambda: any(c['id'] == call['id'] for c in server.removed()), 10,
                         'the notification stayed after the window came back')
        lkgui.screenshot(os.path.join(shots, 'notify-3-back.png'), frame)
        ok('the notification\'s default action brings the main window back, active, and '
           'withdraws the notification %s' % call['id'])


def main():
    if sys.argv[1:] == ['--serve']:
        return serve()
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    app_path, cli_path, sim_path, demo_lora, shots = sys.argv[1:6]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with Studio(cli_path, demo_lora, 'notify') as studio, NotificationServer() as server:
        sim = Simulator(sim_path, studio.path('comfy'), step_ms=100)
        try:
            env = studio.configure([sim.start()], sim.output)
            print('1..3')
            try:
                steps(app_path, env, server, studio, shots)
            except SystemExit:
                lkgui.screenshot(os.path.join(shots, 'notify-failed.png'))
                raise
        finally:
            sim.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
