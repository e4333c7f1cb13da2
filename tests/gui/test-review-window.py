#!/usr/bin/python3
# test-review-window.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reviewing in the real window, stored in the studio catalog: a scratch database of the
# harness's PostgreSQL holding the demo studio, an output folder of ComfyUI-style frames, the
# filter bar (a prompt search narrows the grid; a search nothing matches shows an empty state
# naming the filter), then a frame approved with A, compared with its character's reference
# image (C) and given a note in the viewer's side panel, checked row by row in
# output_reviews with psql. The side panel shows the consistency score `lorakeet-cli
# consistency` stored for Mei's recorded frame, and "Use as Reference Image" files that frame
# among her reference images (checked in character_reference_images; a second click is
# refused as a duplicate). Back in the grid, "Outliers First" puts the scored frame before
# the unscored ones. Screenshots of every step go to SCREENSHOT-DIR.
#
# Usage: test-review-window.py LORAKEET LORAKEET-CLI DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import getpass
import hashlib
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402
from lkstudio import Studio, psql  # noqa: E402

TIMEOUT = 30
BASE_TIME = 1767225600  # 2026-01-01, so the order of the outputs is known
NOTE = 'hands need fixing'
# A review stored by someone else before the window opens, and the rows of this artist's own
OTHER_ARTIST = 'hana'
MINE = "WITH mine AS (SELECT * FROM output_reviews WHERE reviewed_by <> '%s') " % OTHER_ARTIST
results = []


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))


def frame_png(path, seed, positive, mtime, width=256, height=384):
    """A small render with ComfyUI's `prompt` text chunk."""
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf
    pixbuf = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, width, height)
    pixbuf.fill((seed * 0x3a5f21 << 8) & 0xffffff00 | 0xff)
    prompt = json.dumps({
        '4': {'class_type': 'CheckpointLoaderSimple',
              'inputs': {'ckpt_name': 'animagine-xl-3.1.safetensors'}},
        '6': {'class_type': 'CLIPTextEncode', 'inputs': {'text': positive, 'clip': ['4', 1]}},
        '7': {'class_type': 'CLIPTextEncode',
              'inputs': {'text': 'lowres, bad hands', 'clip': ['4', 1]}},
        '3': {'class_type': 'KSampler',
              'inputs': {'seed': 1000 + seed, 'steps': 28, 'cfg': 7.0, 'sampler_name': 'euler',
                         'scheduler': 'normal', 'denoise': 1.0, 'model': ['4', 0],
                         'positive': ['6', 0], 'negative': ['7', 0]}}})
    pixbuf.savev(path, 'png', ['tEXt::prompt'], [prompt])
    os.utime(path, (mtime, mtime))


def tiles(frame):
    """The gallery's tiles that are on screen: images named after their output file."""
    import pyatspi
    return lkgui.find_all(frame, lambda n: n.getRole() == pyatspi.ROLE_IMAGE
                          and (n.name or '').startswith('anime_') and lkgui.is_showing(n),
                          max_nodes=20000)


def tile_named(frame, name):
    for tile in tiles(frame):
        if tile.name == name or tile.name.startswith(name + ','):
            return tile
    return None


def click(node, double=False):
    import pyatspi
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height // 2,
                                        'b1d' if double else 'b1c')
    time.sleep(0.3)


def set_search(frame, text):
    """Types @text into the prompt search, replacing what was there, with the keyboard."""
    import pyatspi
    entry = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Search Prompts'),
                             TIMEOUT, 'no "Search Prompts" entry in the filter bar')
    click(entry)
    control_l, key_a = 37, 38
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(key_a, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.2)
    lkgui.press_key(0xff08)  # BackSpace
    if text:
        lkgui.type_text(text)


def steps(app_path, env, db, folder, images, reference, shots):
    import pyatspi
    with lkgui.Application(app_path, [], env) as app:
        frame = app.wait_for_frame('Lorakeet')
        lkgui.wait_until(lambda: len(tiles(frame)) == len(images), TIMEOUT,
                         'the %d frames never showed' % len(images))
        for name in ('Project', 'Review State', 'Date', 'Search Prompts', 'Kind of Output'):
            lkgui.check(lkgui.find(frame, lambda n, t=name: n.name == t) is not None,
                        'the filter bar has no control named "%s"' % name)
        ok('the gallery lists the %d frames under a filter bar' % len(images))

        # The frames are not in the catalog: their prompts are read from the files.
        set_search(frame, 'red scarf')
        lkgui.wait_until(lambda: [t.name for t in tiles(frame)] == [images[1]], TIMEOUT,
                         'searching "red scarf" did not leave only %s' % images[1])
        lkgui.screenshot(os.path.join(shots, 'review-1-search.png'), frame)
        ok('a prompt search keeps only the matching frame')

        set_search(frame, 'zebra')
        lkgui.wait_until(lambda: lkgui.find(frame, lambda n: 'prompt containing “zebra”'
                                            in (n.name or '') + (n.description or '')
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'no empty state naming the search that hides everything')
        lkgui.check(lkgui.find(frame, lambda n: n.getRoleName() == 'push button'
                               and 'Clear Filters' in (n.name or '') and lkgui.is_showing(n))
                    is not None, 'the empty state offers no "Clear Filters" button')
        lkgui.screenshot(os.path.join(shots, 'review-2-no-match.png'), frame)
        set_search(frame, '')
        lkgui.wait_until(lambda: len(tiles(frame)) == len(images), TIMEOUT,
                         'clearing the search did not bring every frame back')
        ok('a search nothing matches says which filter hides everything')

        click(tile_named(frame, images[0]), double=True)
        viewer = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Viewer'
                                                     and lkgui.is_showing(n)),
                                  TIMEOUT, 'the viewer did not open')
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == images[0]
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'the viewer does not show %s' % images[0])
        button = lkgui.wait_until(
            lambda: lkgui.find(viewer, lambda n: n.name == 'Generate Again with These Settings'),
            TIMEOUT, 'no "Generate Again with These Settings" button')
        lkgui.check(button.getState().contains(pyatspi.STATE_VISIBLE),
                    'the "Generate Again" button is hidden')
        # Let the stored review (none yet) load before reviewing.
        time.sleep(1.0)
        lkgui.press_key(0x61)  # a
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == 'Approved'
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'A did not approve the frame')
        lkgui.wait_until(lambda: psql(MINE + 'SELECT verdict FROM mine', db)
                         .stdout.strip() == 'approved',
                         TIMEOUT, 'the approval never reached output_reviews')
        # Reviews are shared: the side panel says who made this one and when.
        me = getpass.getuser()
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: (n.name or '').startswith(
            'Reviewed by %s, ' % me) and lkgui.is_showing(n)),
            TIMEOUT, 'the side panel does not say that %s reviewed the frame' % me)
        ok('A approves the frame, output_reviews holds the verdict, the panel names %s' % me)

        # C puts the character's reference image beside the frame. This frame is not in the
        # catalog and no character is selected: the pane says so.
        lkgui.press_key(0x63)  # c
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == 'Unknown Character'
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'C did not show the compare pane for an unrecorded frame')
        lkgui.press_key(0xff53)  # Right: the red scarf frame, recorded as Mei's
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == reference
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'Mei\'s reference image is not beside her frame')
        lkgui.screenshot(os.path.join(shots, 'review-3-compare.png'), frame)
        ok('C compares a recorded frame with its character\'s reference image')

        # `lorakeet-cli consistency` scored Mei's frames before the window opened.
        score = lkgui.wait_until(
            lambda: lkgui.find(viewer, lambda n: (n.name or '').startswith('Consistency: ')
                               and 'Mei Kobayashi' in n.name and lkgui.is_showing(n)),
            TIMEOUT, 'the side panel shows no consistency score for Mei\'s frame')
        stored = psql('SELECT round(score::numeric, 2) FROM output_consistency', db)
        lkgui.check(stored.stdout.strip() in score.name,
                    'the panel says %r, the catalog holds %s' % (score.name, stored.stdout))
        lkgui.screenshot(os.path.join(shots, 'review-3b-score.png'), frame)
        ok('the side panel shows the stored score in words: %s' % score.name)

        use = lkgui.find(viewer, lambda n: (n.name or '').startswith('Use as Reference Image')
                         and n.getRole() == pyatspi.ROLE_PUSH_BUTTON)
        lkgui.check(use is not None, 'no "Use as Reference Image" button in the side panel: %r'
                    % [(n.name, n.getRoleName()) for n in lkgui.find_all(
                        viewer, lambda n: 'Reference' in (n.name or ''))])
        lkgui.wait_until(lambda: use.getState().contains(pyatspi.STATE_SENSITIVE), TIMEOUT,
                         '"Use as Reference Image" stays insensitive on Mei\'s frame')
        click(use)
        query = ("SELECT c.name, r.role, r.position FROM character_reference_images r "
                 "JOIN characters c ON c.id = r.character_id "
                 "WHERE r.file_path = '%s'" % os.path.join(folder, images[1]))
        row = lkgui.wait_until(lambda: psql(query, db).stdout.strip(), TIMEOUT,
                               'the frame never reached character_reference_images')
        lkgui.check(row.startswith('Mei Kobayashi|reference-sheet|'),
                    'unexpected reference row %r' % row)
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: (n.name or '')
                                            == 'Added to Mei Kobayashi’s reference sheets.'
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'the side panel does not say the frame was added')
        lkgui.screenshot(os.path.join(shots, 'review-3c-reference.png'), frame)
        lkgui.wait_until(lambda: use.getState().contains(pyatspi.STATE_SENSITIVE), TIMEOUT,
                         '"Use as Reference Image" stays insensitive after adding')
        click(use)
        refusal = lkgui.wait_until(
            lambda: lkgui.find(viewer, lambda n: 'already a reference of Mei Kobayashi'
                               in (n.name or '') and lkgui.is_showing(n)),
            TIMEOUT, 'adding the frame twice was not refused in plain words')
        count = psql('SELECT count(*) FROM character_reference_images', db).stdout.strip()
        lkgui.check(count == '2', 'expected 2 reference rows (sheet + frame), found %s' % count)
        lkgui.screenshot(os.path.join(shots, 'review-3d-duplicate.png'), frame)
        ok('"Use as Reference Image" adds the frame as %s, once: %s' % (row, refusal.name))

        # The focus is on the side panel's button now, where Left moves between controls.
        click(lkgui.find(viewer, lambda n: n.name == 'Previous Output'))
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == images[0]
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'Left did not go back to %s' % images[0])
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name
                                            == 'Not scored: unknown character'
                                            and lkgui.is_showing(n)),
                         TIMEOUT, 'an unrecorded frame does not say it cannot be scored')
        lkgui.check(not use.getState().contains(pyatspi.STATE_SENSITIVE),
                    '"Use as Reference Image" is enabled for a frame of no known character')
        ok('an unrecorded frame with no character selected is neither scored nor a reference')

        # GTK 4.8 names the field after its accessible label and its title ("Review Note Note").
        note = lkgui.find(viewer, lambda n: (n.name or '').startswith('Review Note')
                          and n.getRoleName() in ('text', 'entry'))
        lkgui.check(note is not None, 'no "Review Note" field in the side panel')
        click(note)
        lkgui.type_text(NOTE)
        lkgui.press_key(lkgui.KEY_RETURN)
        query = MINE + 'SELECT verdict, note, reviewed_by FROM mine'
        row = lkgui.wait_until(
            lambda: psql(query, db).stdout.strip().startswith('approved|%s|' % NOTE)
            and psql(query, db).stdout.strip(),
            TIMEOUT, 'the note never reached output_reviews (row: %r)'
            % psql(query, db).stdout.strip())
        count = psql(MINE + 'SELECT count(*) FROM mine', db).stdout.strip()
        lkgui.check(count == '1', 'expected one review row, found %s' % count)
        lkgui.screenshot(os.path.join(shots, 'review-4-note.png'), frame)
        ok('a note typed in the side panel is stored with the verdict: %s' % row)

        lkgui.press_key(lkgui.KEY_ESCAPE)
        lkgui.press_key(lkgui.KEY_ESCAPE)
        lkgui.press_key(lkgui.KEY_ESCAPE)
        lkgui.wait_until(lambda: not lkgui.is_showing(viewer), TIMEOUT,
                         'Escape did not return to the grid')
        # Ctrl+Z takes the note back, and only the note: the verdict stays.
        control_l, key_z = 37, 52
        pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
        pyatspi.Registry.generateKeyboardEvent(key_z, None, pyatspi.KEY_PRESSRELEASE)
        pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
        lkgui.wait_until(lambda: psql(query, db).stdout.strip().startswith('approved||'),
                         TIMEOUT, 'Ctrl+Z did not take the note back (row: %r)'
                         % psql(query, db).stdout.strip())
        ok('Ctrl+Z undoes the note and keeps the approval')

        lkgui.wait_until(lambda: (tile_named(frame, images[0]) or None)
                         and tile_named(frame, images[0]).name.endswith(', approved'),
                         TIMEOUT, 'the approved tile is not marked')
        lkgui.screenshot(os.path.join(shots, 'review-5-grid.png'), frame)
        ok('back in the grid, the approved frame\'s tile says so')

        # Outliers first: Mei's scored frame before the two never scored, newest first.
        def order():
            return [t.name.split(',')[0] for t in tiles(frame)]
        lkgui.check(order() == images, 'the grid is not newest first: %r' % order())
        click(lkgui.find(frame, lambda n: n.name == 'Sort Order' and lkgui.is_showing(n)))
        choice = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Outliers First'
                                                     and n.getRoleName() == 'label'
                                                     and lkgui.is_showing(n)),
                                  TIMEOUT, 'the sort order offers no "Outliers First"')
        lkgui.check(choice is not None, 'no "Outliers First" choice')
        # The popover's list has the focus on the current choice: the next one is Outliers.
        time.sleep(0.5)
        lkgui.press_key(lkgui.KEY_DOWN)
        lkgui.press_key(lkgui.KEY_RETURN)
        expected = [images[1], images[0], images[2]]
        lkgui.wait_until(lambda: order() == expected, TIMEOUT,
                         'Outliers First did not put the scored frame first: %r' % order())
        lkgui.screenshot(os.path.join(shots, 'review-6-outliers-first.png'), frame)
        ok('"Outliers First" puts the scored frame first, then the others newest first')

        # Another artist rejected the oldest frame before this window opened.
        theirs = lkgui.wait_until(lambda: (tile_named(frame, images[2]) or None)
                                  and tile_named(frame, images[2]).name.endswith(', rejected')
                                  and tile_named(frame, images[2]), TIMEOUT,
                                  'the tile does not show the other artist\'s rejection')
        click(theirs, double=True)
        author = lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: (n.name or '').startswith(
            'Reviewed by %s, ' % OTHER_ARTIST) and lkgui.is_showing(n)), TIMEOUT,
            'the viewer does not say that %s reviewed the frame' % OTHER_ARTIST)
        lkgui.screenshot(os.path.join(shots, 'review-7-other-artist.png'), frame)
        ok('another artist\'s review shows on the tile, and in the viewer: "%s"' % author.name)


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    app_path, cli_path, demo_lora, shots = sys.argv[1:5]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with Studio(cli_path, demo_lora, 'review') as studio:
        db, root = studio.db, studio.root
        env = {'LORAKEET_DEMO_DIR': studio.demo_dir}

        folder = os.path.join(root, 'output')
        os.makedirs(folder)
        prompts = ['mei, 1girl, silver hair, office', 'mei, 1girl, red scarf, office',
                   'mei, 1girl, silver hair, night']
        images = []
        for i, positive in enumerate(prompts):
            name = 'anime_image_%d_%05d_.png' % (BASE_TIME + i, 1)
            frame_png(os.path.join(folder, name), i + 1, positive, BASE_TIME + i)
            images.insert(0, name)
        # Newest first, as the grid lists them: images[1] is the red scarf, recorded in the
        # catalog as a frame of Mei's, whose reference sheet is beside it.
        workflow = json.dumps({'6': {'class_type': 'CLIPTextEncode',
                                     'inputs': {'text': prompts[1], 'clip': ['4', 1]}},
                               '3': {'class_type': 'KSampler',
                                     'inputs': {'positive': ['6', 0]}}})
        recorded = psql("WITH j AS (INSERT INTO generation_jobs (character_id, server_url, "
                        "workflow, status) SELECT id, 'http://127.0.0.1:8188', '%s'::jsonb, "
                        "'succeeded' FROM characters WHERE name = 'Mei Kobayashi' RETURNING id) "
                        "INSERT INTO generation_outputs (job_id, filename, kind) "
                        "SELECT id, '%s', 'image' FROM j" % (workflow, images[1]), db)
        lkgui.check(recorded.returncode == 0, 'recording the frame failed: %s' % recorded.stderr)
        # Reviews are keyed by the SHA-256 of the file's bytes, whoever made them.
        with open(os.path.join(folder, images[2]), 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        theirs = psql("INSERT INTO output_reviews (content_hash, verdict, rating, reviewed_by, "
                      "reviewed_at) VALUES ('%s', 'rejected', 2, '%s', "
                      "'2026-11-30 10:15:00+00')" % (digest, OTHER_ARTIST), db)
        lkgui.check(theirs.returncode == 0, 'storing the other review failed: %s' % theirs.stderr)
        reference = os.path.join(root, 'mei-sheet.png')
        frame_png(reference, 7, 'mei, reference sheet', BASE_TIME, 512, 768)
        added = subprocess.run([cli_path, '--db', 'dbname=' + db, 'references', 'add',
                                'Mei Kobayashi', reference], capture_output=True, text=True,
                               timeout=60)
        lkgui.check(added.returncode == 0, 'adding the reference failed: %s' % added.stderr)
        scored = subprocess.run([cli_path, '--db', 'dbname=' + db, 'consistency',
                                 'Mei Kobayashi', '--output-dir', folder],
                                capture_output=True, text=True, timeout=60)
        lkgui.check(scored.returncode == 0 and psql('SELECT count(*) FROM output_consistency',
                                                    db).stdout.strip() == '1',
                    'scoring Mei\'s frame failed: %s%s' % (scored.stdout, scored.stderr))

        config = os.path.join(root, 'config', 'glib-2.0', 'settings')
        os.makedirs(config)
        with open(os.path.join(config, 'keyfile'), 'w') as f:
            f.write('[io/github/lorakeet/Lorakeet]\n')
            f.write("database-conninfo='dbname=%s'\n" % db)
            f.write("output-folder='%s'\n" % folder.replace("'", "\\'"))
            f.write('window-width=1500\nwindow-height=950\n')
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': os.path.join(root, 'config'),
            'XDG_DATA_HOME': os.path.join(root, 'data'),
            'XDG_CACHE_HOME': os.path.join(root, 'cache'),
        })
        os.environ.pop('LORAKEET_DB', None)

        print('1..13')
        steps(app_path, env, db, folder, images, reference, shots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
