#!/usr/bin/python3
# test-catalog-window.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The studio catalog in the real window, driven through AT-SPI: a scratch database of the
# harness's PostgreSQL holding the demo studio, the characters list, the inspector with Mei
# Kobayashi's LoRA card and Rina Suzuki's "Base model only", a rename made from outside showing
# up live, a reference image added with lorakeet-cli becoming a character's avatar, the
# preference pointed at an unreachable server (banner and empty state) and back, and --db
# winning over the preference in a 1024×600 window. Screenshots of every step go to
# SCREENSHOT-DIR.
#
# Usage: test-catalog-window.py LORAKEET LORAKEET-CLI DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402
from lkstudio import Studio, psql  # noqa: E402

TIMEOUT = 30
MEI_LORA = 'mei_working_v1'
BASE_ONLY = 'Base model only — this character has no LoRA yet'
results = []


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))


def closed_port():
    """A TCP port on 127.0.0.1 where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def gvariant_string(text):
    return "'%s'" % text.replace('\\', '\\\\').replace("'", "\\'")


class Settings:
    """GSettings in a keyfile the test can change while the application runs (the keyfile
    backend watches it), in a private configuration folder."""

    def __init__(self, root):
        self.folder = os.path.join(root, 'config', 'glib-2.0', 'settings')
        os.makedirs(self.folder, exist_ok=True)
        self.path = os.path.join(self.folder, 'keyfile')

    def write(self, conninfo, width, height):
        text = ('[io/github/lorakeet/Lorakeet]\n'
                'database-conninfo=%s\nwindow-width=%d\nwindow-height=%d\n'
                % (gvariant_string(conninfo), width, height))
        # Replace atomically, so the application never reads half a file.
        with open(self.path + '.tmp', 'w') as f:
            f.write(text)
        os.replace(self.path + '.tmp', self.path)


def region(frame, name):
    # The tree may be in the middle of an update (a row replaced) when it is walked: look
    # again for a few seconds before calling the region missing.
    return lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == name
                                               and n.getRoleName() == 'panel'),
                            5, 'the "%s" region is missing' % name)


def character_list(frame):
    return lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                               and n.getRoleName() == 'list'),
                            TIMEOUT, 'the character list never appeared')


def list_names(list_node):
    """The characters shown, from each row's accessible name."""
    names = []
    for i in range(list_node.childCount):
        item = list_node.getChildAtIndex(i)
        if item is not None and item.childCount > 0:
            names.append(item.getChildAtIndex(0).name)
    return names


def banner_text(frame):
    """The catalog banner's message while it is shown, else None. The ComfyUI servers have a
    banner of their own (no server is set up in this test); it is not the catalog's."""
    for banner in lkgui.find_all(frame, lambda n: n.getRoleName() == 'status bar'):
        labels = lkgui.find_all(banner, lambda n: n.getRoleName() == 'label' and n.name
                                and lkgui.is_showing(n))
        if labels and not any('ComfyUI' in label.name for label in labels):
            return labels[0].name
    return None


def inspector_has(frame, name):
    return lkgui.find_named(region(frame, 'Inspector'), name) is not None


def select(frame, name):
    lst = character_list(frame)
    lkgui.wait_until(lambda: name in list_names(lst), TIMEOUT, '"%s" is not in the list' % name)
    lkgui.check(lkgui.select_list_item(lst, name), 'could not select "%s"' % name)


def write_png(path, rgb, size=512):
    """A real picture of one colour, through GdkPixbuf (what the application decodes with)."""
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf
    pixbuf = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, size, size)
    pixbuf.fill((rgb[0] << 24) | (rgb[1] << 16) | (rgb[2] << 8) | 0xff)
    pixbuf.savev(path, 'png', [], [])


def pixel_at(png, x, y):
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf
    pixbuf = GdkPixbuf.Pixbuf.new_from_file(png)
    data = pixbuf.get_pixels()
    offset = y * pixbuf.get_rowstride() + x * pixbuf.get_n_channels()
    return tuple(data[offset:offset + 3])


def row_picture(lst, name):
    """The avatar of the character called @name while it shows a picture (its accessible
    description names the picture), else None."""
    for i in range(lst.childCount):
        item = lst.getChildAtIndex(i)
        if item is not None and item.childCount > 0 and item.getChildAtIndex(0).name == name:
            return lkgui.find(item, lambda n: (n.description or '').startswith(
                'Picture from the reference image '))
    return None


def avatar_steps(frame, cli_path, env, db, root, shots):
    """A reference sheet added from a terminal becomes the character's avatar; the others
    keep their initials, also one whose reference image is damaged."""
    import pyatspi
    lst = character_list(frame)
    picture = os.path.join(root, 'yuki-sheet.png')
    write_png(picture, (0, 255, 0))
    lkgui.check(row_picture(lst, 'Yuki Tanaka') is None,
                'an avatar shows a picture before any was added')

    # A row written behind Lorakeet's back, for a file that is not a picture.
    broken = os.path.join(root, 'takeshi-sheet.png')
    with open(broken, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n not really a picture')
    inserted = psql("INSERT INTO character_reference_images (character_id, file_path) "
                    "SELECT id, '%s' FROM characters WHERE name = 'Takeshi Sato'" % broken, db)
    lkgui.check(inserted.returncode == 0, 'adding a damaged reference failed: %s'
                % inserted.stderr)

    added = subprocess.run([cli_path, '--db', 'dbname=' + db, 'references', 'add',
                            '--role', 'reference-sheet', 'Yuki Tanaka', picture],
                           env=dict(os.environ, **env), capture_output=True, text=True,
                           timeout=60)
    lkgui.check(added.returncode == 0, 'references add failed: %s' % added.stderr)

    avatar = lkgui.wait_until(lambda: row_picture(lst, 'Yuki Tanaka'), TIMEOUT,
                              'Yuki Tanaka\'s avatar never showed the reference image')
    lkgui.check(avatar.description.endswith('yuki-sheet.png'),
                'the avatar names another picture: %s' % avatar.description)
    lkgui.check(row_picture(lst, 'Mei Kobayashi') is None,
                'a character without reference images lost her initials')
    time.sleep(1)  # the damaged file was decoded alongside Yuki's picture; let it fail
    lkgui.check(row_picture(lst, 'Takeshi Sato') is None,
                'a damaged reference image replaced Takeshi Sato\'s initials')

    shot = os.path.join(shots, 'catalog-1b-avatar.png')
    lkgui.screenshot(shot, frame)
    box = avatar.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    # Off the centre, where initials would be drawn, inside the circle.
    r, g, b = pixel_at(shot, box.x + box.width // 2, box.y + box.height // 3)
    lkgui.check(g > 200 and r < 60 and b < 60,
                'the avatar at %d,%d is not the green picture: %r' % (box.x, box.y, (r, g, b)))
    ok('a reference image added with lorakeet-cli becomes Yuki Tanaka\'s avatar; the others '
       'keep their initials, also with a damaged reference image')


def catalog_steps(app_path, cli_path, env, settings, db, root, shots):
    port = closed_port()
    with lkgui.Application(app_path, [], env) as app:
        frame = app.wait_for_frame('Lorakeet')

        lst = character_list(frame)
        names = lkgui.wait_until(lambda: len(list_names(lst)) == 5 and list_names(lst),
                                 TIMEOUT, 'the five demo characters never showed')
        lkgui.check(names == sorted(names), 'the list is not sorted by name: %r' % names)
        lkgui.check(lkgui.find_named(region(frame, 'Characters'), 'Base model only') is not None
                    and lkgui.find_named(region(frame, 'Characters'), MEI_LORA) is not None,
                    'the rows show no LoRA badges')
        lkgui.check(lkgui.find(frame, lambda n: db in (n.name or '')) is not None,
                    'the window does not say which catalog it shows')
        lkgui.check(banner_text(frame) is None, 'a banner is shown while all is well')
        lkgui.screenshot(os.path.join(shots, 'catalog-1-characters.png'), frame)
        ok('the demo characters are listed from the preference\'s catalog, by name, with '
           'their LoRA badges')

        avatar_steps(frame, cli_path, env, db, root, shots)

        select(frame, 'Mei Kobayashi')
        lkgui.wait_until(lambda: inspector_has(frame, MEI_LORA), TIMEOUT,
                         'the inspector does not show Mei\'s LoRA %s' % MEI_LORA)
        inspector = region(frame, 'Inspector')
        for text in ('Mei Kobayashi', 'SD 1.5', 'Model 0.80 · CLIP 0.80', 'tokyo_debt_realism'):
            lkgui.check(lkgui.find(inspector, lambda n, t=text: t in (n.name or '')) is not None,
                        'the inspector lacks "%s"' % text)
        lkgui.wait_until(lambda: lkgui.find(inspector, lambda n: (n.name or '').startswith(
            'Found at ')), TIMEOUT, 'the LoRA file was not read from disk')
        lkgui.check(lkgui.find(inspector, lambda n: (n.name or '').startswith(
            'mei_working_v1.safetensors · ')) is not None, 'the LoRA card shows no file and size')
        lkgui.check(lkgui.find(inspector, lambda n: 'mei kobayashi (' in (n.name or ''))
                    is not None, 'the LoRA card shows no training tags')
        lkgui.check(not inspector_has(frame, BASE_ONLY), 'Mei is said to have no LoRA')
        lkgui.screenshot(os.path.join(shots, 'catalog-2-mei.png'), frame)
        ok('selecting Mei Kobayashi shows her LoRA card (%s)' % MEI_LORA)

        select(frame, 'Rina Suzuki')
        lkgui.wait_until(lambda: inspector_has(frame, BASE_ONLY), TIMEOUT,
                         'the inspector does not say Rina has no LoRA')
        lkgui.check(not inspector_has(frame, MEI_LORA), 'Rina is shown with Mei\'s LoRA')
        lkgui.check(inspector_has(frame, 'Rina Suzuki'), 'the inspector does not name Rina')
        lkgui.screenshot(os.path.join(shots, 'catalog-3-rina.png'), frame)
        ok('selecting Rina Suzuki shows "Base model only", never Mei\'s LoRA')

        renamed = psql("UPDATE characters SET name = 'Rina Suzuki-Hayashi' "
                       "WHERE name = 'Rina Suzuki'", db)
        lkgui.check(renamed.returncode == 0, 'renaming from psql failed: %s' % renamed.stderr)
        lkgui.wait_until(lambda: 'Rina Suzuki-Hayashi' in list_names(lst), 10,
                         'the rename made from outside did not reach the list')
        lkgui.wait_until(lambda: inspector_has(frame, 'Rina Suzuki-Hayashi'), 10,
                         'the inspector did not follow the rename')
        lkgui.screenshot(os.path.join(shots, 'catalog-4-renamed.png'), frame)
        ok('a rename made by someone else shows in the list and the inspector within seconds')

        keyboard_steps(frame, shots)

        settings.write('host=127.0.0.1 port=%d dbname=%s connect_timeout=3' % (port, db), 1280, 800)
        target = 'Cannot reach the studio catalog at 127.0.0.1:%d' % port
        text = lkgui.wait_until(lambda: (banner_text(frame) or '').startswith(target) and
                                banner_text(frame), TIMEOUT,
                                'no banner about the unreachable catalog')
        lkgui.check('Retry' in text, 'the banner does not say when it retries: %r' % text)
        lkgui.wait_until(lambda: lkgui.find_named(region(frame, 'Characters'),
                                                  'No Catalog Connected'),
                         TIMEOUT, 'the sidebar shows no empty state for the failed catalog')
        # GTK 4.8 names a button after both its label and its mnemonic text ("_Retry Retry").
        lkgui.check(lkgui.find(frame, lambda n: n.getRoleName() == 'push button'
                               and 'Retry' in (n.name or '') and lkgui.is_showing(n))
                    is not None, 'no Retry button')
        lkgui.screenshot(os.path.join(shots, 'catalog-5-unreachable.png'), frame)
        ok('pointing the preference at an unreachable server shows the banner: %s' % text)

        settings.write('dbname=' + db, 1280, 800)
        lkgui.wait_until(lambda: banner_text(frame) is None, TIMEOUT, 'the banner stayed')
        lst = character_list(frame)
        lkgui.wait_until(lambda: 'Mei Kobayashi' in list_names(lst), TIMEOUT,
                         'the characters did not come back')
        lkgui.screenshot(os.path.join(shots, 'catalog-6-back.png'), frame)
        ok('pointing it back reconnects and the banner goes away')


def keyboard_steps(frame, shots):
    """Ctrl+F, a search, Return, Escape and the arrow keys: the keyboard alone is enough."""
    import pyatspi
    search = lkgui.find(frame, lambda n: n.name == 'Search Characters')
    lst = character_list(frame)
    lkgui.press_ctrl('f')
    lkgui.wait_until(lambda: search.getState().contains(pyatspi.STATE_FOCUSED), 5,
                     'Ctrl+F did not focus the search')
    lkgui.type_text('takeshi')
    lkgui.wait_until(lambda: list_names(lst) == ['Takeshi Sato'], 5,
                     'the search did not narrow the list to Takeshi Sato')
    lkgui.press_key(lkgui.KEY_RETURN)
    lkgui.wait_until(lambda: inspector_has(frame, 'Takeshi Sato'), TIMEOUT,
                     'Return did not select the first result')
    lkgui.screenshot(os.path.join(shots, 'catalog-4b-search.png'), frame)
    lkgui.press_key(lkgui.KEY_ESCAPE)
    lkgui.wait_until(lambda: len(list_names(lst)) == 5, 5, 'Escape did not clear the search')
    lkgui.press_key(lkgui.KEY_DOWN)
    lkgui.wait_until(lambda: inspector_has(frame, 'Yuki Tanaka'), TIMEOUT,
                     'the Down arrow did not move the selection to Yuki Tanaka')
    lkgui.press_key(lkgui.KEY_UP)
    lkgui.press_key(lkgui.KEY_UP)
    lkgui.wait_until(lambda: inspector_has(frame, 'Rina Suzuki-Hayashi'), TIMEOUT,
                     'the Up arrow did not move the selection back')
    ok('Ctrl+F, typing, Return, Escape and the arrow keys drive the list and the inspector')


def small_window_steps(app_path, env, settings, db, shots):
    """--db wins over the preference (still unreachable here), in a 1024×600 window."""
    settings.write('host=127.0.0.1 port=%d dbname=%s connect_timeout=3' % (closed_port(), db),
                   1024, 600)
    with lkgui.Application(app_path, ['--db', 'dbname=' + db], env) as app:
        frame = app.wait_for_frame('Lorakeet')
        import pyatspi
        box = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        lkgui.check(box.width <= 1030 and box.height <= 610,
                    'the window is %dx%d, not 1024×600' % (box.width, box.height))
        select(frame, 'Mei Kobayashi')
        lkgui.wait_until(lambda: inspector_has(frame, MEI_LORA), TIMEOUT,
                         'the inspector does not show Mei\'s LoRA at 1024×600')
        lkgui.check(banner_text(frame) is None, 'a banner is shown although --db works')
        for name in ('Characters', 'Inspector', 'Gallery'):
            lkgui.check(lkgui.is_showing(region(frame, name)), '%s is not showing' % name)
        lkgui.screenshot(os.path.join(shots, 'catalog-7-1024x600.png'), frame)
        ok('--db wins over the preference; at 1024×600 the three regions show')


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    app_path, cli_path, demo_lora, shots = sys.argv[1:5]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with Studio(cli_path, demo_lora, 'catalog') as studio:
        db, root = studio.db, studio.root
        env = {'LORAKEET_DEMO_DIR': studio.demo_dir}

        settings = Settings(root)
        settings.write('dbname=' + db, 1280, 800)
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': os.path.join(root, 'config'),
            'XDG_DATA_HOME': os.path.join(root, 'data'),
            'XDG_CACHE_HOME': os.path.join(root, 'cache'),
        })
        os.environ.pop('LORAKEET_DB', None)

        print('1..9')
        catalog_steps(app_path, cli_path, env, settings, db, root, shots)
        small_window_steps(app_path, env, settings, db, shots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
