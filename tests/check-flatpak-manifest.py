#!/usr/bin/env python3
# check-flatpak-manifest.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak cannot be built on the test machines (no runtime), so this checks what can be
# checked: the manifest parses, and agrees with meson about the app id, the command and the
# modules the app needs that a GNOME runtime lacks.

import json
import re
import sys


def fail(message):
    print('not ok 1 - %s' % message)
    sys.exit(1)


def main():
    manifest_path, meson_path = sys.argv[1], sys.argv[2]
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail('%s does not parse: %s' % (manifest_path, e))

    with open(meson_path, encoding='utf-8') as f:
        meson = f.read()
    app_id = re.search(r"app_id\s*=\s*'([^']+)'", meson).group(1)

    if manifest.get('id', manifest.get('app-id')) != app_id:
        fail('manifest id %r differs from meson app_id %r' % (manifest.get('id'), app_id))
    if manifest.get('command') != 'lorakeet':
        fail('manifest command %r is not the meson executable "lorakeet"' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform':
        fail('the runtime must be org.gnome.Platform')
    if not re.match(r'^\d+$', str(manifest.get('runtime-version', ''))):
        fail('runtime-version must be a released GNOME version')

    modules = manifest.get('modules', [])
    names = [m.get('name') if isinstance(m, dict) else m for m in modules]
    for needed in ('postgresql', 'lorakeet'):
        if needed not in names:
            fail('module %r is missing (have %s)' % (needed, names))
    if names[-1] != 'lorakeet':
        fail('the app module must be built last')
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        fail('the app module must build with meson')

    args = manifest.get('finish-args', [])
    for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11', '--device=dri'):
        if needed not in args:
            fail('finish-args lacks %s' % needed)
    for broad in ('--filesystem=host', '--filesystem=home', '--socket=x11', '--device=all'):
        if broad in args:
            fail('finish-args grants %s: too broad' % broad)

    print('1..1')
    print('ok 1 - the Flatpak manifest parses and agrees with meson (%s, %d modules)'
          % (app_id, len(modules)))


if __name__ == '__main__':
    main()
