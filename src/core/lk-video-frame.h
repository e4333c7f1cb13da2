/* lk-video-frame.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/**
 * LK_VIDEO_FRAME_TIMEOUT_USEC:
 *
 * How long grabbing one frame may take before it is given up.
 */
#define LK_VIDEO_FRAME_TIMEOUT_USEC (20 * G_TIME_SPAN_SECOND)

/**
 * lk_video_frame_grab:
 * @path: a clip (MP4, WebM, MKV, MOV, animated GIF…)
 * @max_size: the longest side of the result, in pixels
 * @duration: (out) (optional): the clip length in microseconds, or -1 when unknown
 * @original_width: (out) (optional): the width of the clip's picture
 * @original_height: (out) (optional): the height of the clip's picture
 * @cancellable: (nullable): stops the grab
 * @error: return location for an error
 *
 * Decodes one frame a little into the clip, at a tenth of its length or one second,
 * whichever is earlier (the very first frame is often black or a fade, and ComfyUI's
 * VideoHelperSuite already saves it as a PNG beside the clip), scaled to @max_size.
 * Uses GStreamer: the container's demuxer (or `uridecodebin` for containers it does not
 * recognise), `decodebin`, `videoscale`, `videoconvert`, `appsink`; sound is not decoded. Blocking; gives up after %LK_VIDEO_FRAME_TIMEOUT_USEC.
 *
 * Returns: (transfer full): the frame, or %NULL with @error in %LK_THUMBNAIL_ERROR
 *   (%LK_THUMBNAIL_ERROR_NO_VIDEO for a clip with sound only, %LK_THUMBNAIL_ERROR_CORRUPT,
 *   %LK_THUMBNAIL_ERROR_UNSUPPORTED, %LK_THUMBNAIL_ERROR_NO_DECODER when a GStreamer plugin
 *   is missing,
 *   %LK_THUMBNAIL_ERROR_TOO_LARGE, %LK_THUMBNAIL_ERROR_TIMEOUT) or %G_IO_ERROR_CANCELLED
 */
GdkPixbuf *lk_video_frame_grab (const char    *path,
                                int            max_size,
                                gint64        *duration,
                                int           *original_width,
                                int           *original_height,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
