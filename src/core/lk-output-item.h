/* lk-output-item.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LkMediaKind:
 * @LK_MEDIA_KIND_NONE: not an output Lorakeet shows (text files, partial downloads…)
 * @LK_MEDIA_KIND_IMAGE: a still image (PNG, JPEG, still WebP)
 * @LK_MEDIA_KIND_VIDEO: a clip (MP4, WebM, MKV, MOV, GIF, animated WebP)
 *
 * What an output file is, for the gallery's kind filter and the thumbnailer.
 */
typedef enum
{
  LK_MEDIA_KIND_NONE,
  LK_MEDIA_KIND_IMAGE,
  LK_MEDIA_KIND_VIDEO,
} LkMediaKind;

#define LK_TYPE_MEDIA_KIND (lk_media_kind_get_type ())
GType lk_media_kind_get_type (void) G_GNUC_CONST;

#define LK_TYPE_OUTPUT_ITEM (lk_output_item_get_type ())
G_DECLARE_FINAL_TYPE (LkOutputItem, lk_output_item, LK, OUTPUT_ITEM, GObject)

/**
 * lk_media_kind_guess:
 * @path: a file name or path
 *
 * Guesses the kind of an output from its extension alone, without touching the file. A
 * `.webp` is guessed to be an image; lk_media_kind_sniff_webp() tells an animated one.
 *
 * Returns: the kind, or %LK_MEDIA_KIND_NONE for files the gallery does not show
 */
LkMediaKind    lk_media_kind_guess              (const char   *path);

/**
 * lk_media_kind_sniff_webp:
 * @header: the first bytes of a WebP file
 * @length: how many bytes @header holds (21 are enough)
 *
 * Tells an animated WebP (a clip, as ComfyUI's SaveAnimatedWEBP writes) from a still one by
 * the animation flag of its `VP8X` header.
 *
 * Returns: %LK_MEDIA_KIND_VIDEO for an animated WebP, otherwise %LK_MEDIA_KIND_IMAGE
 */
LkMediaKind    lk_media_kind_sniff_webp         (const guint8 *header,
                                                 gsize         length);

/**
 * lk_output_item_new:
 * @path: the absolute path of the file
 * @mtime: its modification time, in microseconds since the Unix epoch
 * @size: its size in bytes
 * @kind: what it is, usually from lk_media_kind_guess()
 * @first_frame: whether it is the first-frame PNG VideoHelperSuite writes beside a video
 *
 * Creates an immutable description of one output file. ComfyUI's naming
 * (`{prefix}_{counter:05}_.png`, `{prefix}_{counter:05}.mp4`) is parsed from the name.
 *
 * Returns: (transfer full): a new item
 */
LkOutputItem  *lk_output_item_new               (const char   *path,
                                                 gint64        mtime,
                                                 goffset       size,
                                                 LkMediaKind   kind,
                                                 gboolean      first_frame);

/**
 * lk_output_item_get_path:
 * @self: an item
 *
 * Returns: (transfer none): the absolute path of the file
 */
const char    *lk_output_item_get_path          (LkOutputItem *self);

/**
 * lk_output_item_get_basename:
 * @self: an item
 *
 * Returns: (transfer none): the file name, without its folder
 */
const char    *lk_output_item_get_basename      (LkOutputItem *self);

/**
 * lk_output_item_get_mtime:
 * @self: an item
 *
 * Returns: the modification time, in microseconds since the Unix epoch
 */
gint64         lk_output_item_get_mtime         (LkOutputItem *self);

/**
 * lk_output_item_get_size:
 * @self: an item
 *
 * Returns: the file size in bytes
 */
goffset        lk_output_item_get_size          (LkOutputItem *self);

/**
 * lk_output_item_get_kind:
 * @self: an item
 *
 * Returns: whether the file is an image or a video
 */
LkMediaKind    lk_output_item_get_kind          (LkOutputItem *self);

/**
 * lk_output_item_dup_prefix:
 * @self: an item
 *
 * The filename prefix of the save node that wrote the file: `anime_image_1718000000` for
 * `anime_image_1718000000_00001_.png`.
 *
 * Returns: (transfer full) (nullable): the prefix, or %NULL when the name does not follow
 *   ComfyUI's `{prefix}_{counter}` pattern
 */
char          *lk_output_item_dup_prefix        (LkOutputItem *self);

/**
 * lk_output_item_get_counter:
 * @self: an item
 *
 * Returns: ComfyUI's counter from the name (`00001` → 1), or -1 when the name has none
 */
int            lk_output_item_get_counter       (LkOutputItem *self);

/**
 * lk_output_item_get_first_frame:
 * @self: an item
 *
 * Returns: %TRUE if the file is the first-frame PNG VideoHelperSuite writes beside a video
 *   of the same name (`x_00001.png` beside `x_00001.mp4`)
 */
gboolean       lk_output_item_get_first_frame   (LkOutputItem *self);

/**
 * lk_output_item_dup_video_stem:
 * @self: an item
 *
 * The path without its extension and without the `-audio` suffix VideoHelperSuite adds to
 * clips with sound: what a video and its first-frame PNG have in common.
 *
 * Returns: (transfer full): the stem
 */
char          *lk_output_item_dup_video_stem    (LkOutputItem *self);

/**
 * lk_output_item_matches_kind:
 * @self: an item
 * @kind: the kind to keep, or %LK_MEDIA_KIND_NONE for every kind
 * @include_first_frames: whether first-frame PNGs beside videos are kept
 *
 * A predicate for the gallery's kind filter.
 *
 * Returns: %TRUE if the item passes
 */
gboolean       lk_output_item_matches_kind      (LkOutputItem *self,
                                                 LkMediaKind   kind,
                                                 gboolean      include_first_frames);

/**
 * lk_output_item_matches_date:
 * @self: an item
 * @since: the earliest modification time kept, in microseconds since the epoch, or
 *   %G_MININT64
 * @until: the first modification time no longer kept, or %G_MAXINT64
 *
 * A predicate for the gallery's date filter: `since <= mtime < until`.
 *
 * Returns: %TRUE if the item passes
 */
gboolean       lk_output_item_matches_date      (LkOutputItem *self,
                                                 gint64        since,
                                                 gint64        until);

/**
 * lk_output_item_compare:
 * @a: an item
 * @b: another item
 *
 * The gallery's order: newest first; for equal times, the name that sorts last first (so
 * counter 00002 comes before 00001). Both must be items: for speed, nothing is checked.
 *
 * Returns: a negative value if @a comes first, positive if @b does, 0 for the same path
 */
int            lk_output_item_compare           (LkOutputItem *a,
                                                 LkOutputItem *b);

G_END_DECLS
