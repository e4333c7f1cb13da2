/* lk-sim-video.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-sim-output.h"

G_BEGIN_DECLS

/* Animated outputs: MP4 and WebM through GStreamer, animated WebP through libwebpmux. */

gboolean            lk_sim_video_init      (GError          **error);
const char * const *lk_sim_video_formats   (void);
const char         *lk_sim_video_extension (const char       *format);
const char         *lk_sim_video_encoder   (void);
gboolean            lk_sim_video_encode    (const char       *path,
                                            const char       *format,
                                            const LkSimValue *images,
                                            GArray           *frames,
                                            double            frame_rate,
                                            GError          **error);
gboolean            lk_sim_webp_available  (void);
gboolean            lk_sim_webp_write      (const char       *path,
                                            const LkSimValue *images,
                                            GArray           *frames,
                                            double            frame_rate,
                                            gboolean          lossless,
                                            int               quality,
                                            GError          **error);
GBytes             *lk_sim_webp_encode     (GdkPixbuf        *pixbuf,
                                            int               quality,
                                            GError          **error);

G_END_DECLS
