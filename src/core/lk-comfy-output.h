/* lk-comfy-output.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkComfyOutputKind:
 * @LK_COMFY_OUTPUT_IMAGE: a still image (PNG, JPEG, WebP)
 * @LK_COMFY_OUTPUT_VIDEO: a video or an animation (MP4, WebM, GIF, animated WebP)
 * @LK_COMFY_OUTPUT_AUDIO: a sound file
 * @LK_COMFY_OUTPUT_OTHER: another file a node reported
 *
 * What kind of file a job produced.
 */
typedef enum
{
  LK_COMFY_OUTPUT_IMAGE,
  LK_COMFY_OUTPUT_VIDEO,
  LK_COMFY_OUTPUT_AUDIO,
  LK_COMFY_OUTPUT_OTHER,
} LkComfyOutputKind;

#define LK_TYPE_COMFY_OUTPUT_KIND (lk_comfy_output_kind_get_type ())
GType lk_comfy_output_kind_get_type (void) G_GNUC_CONST;

#define LK_TYPE_COMFY_OUTPUT (lk_comfy_output_get_type ())

G_DECLARE_FINAL_TYPE (LkComfyOutput, lk_comfy_output, LK, COMFY_OUTPUT, GObject)

LkComfyOutput     *lk_comfy_output_new                   (const char    *node_id,
                                                          const char    *filename,
                                                          const char    *subfolder,
                                                          const char    *folder_type,
                                                          LkComfyOutputKind kind);
const char        *lk_comfy_output_get_node_id           (LkComfyOutput *self);
const char        *lk_comfy_output_get_filename          (LkComfyOutput *self);
const char        *lk_comfy_output_get_subfolder         (LkComfyOutput *self);
const char        *lk_comfy_output_get_folder_type       (LkComfyOutput *self);
LkComfyOutputKind  lk_comfy_output_get_kind              (LkComfyOutput *self);
const char        *lk_comfy_output_get_format            (LkComfyOutput *self);
const char        *lk_comfy_output_get_metadata_filename (LkComfyOutput *self);
const char        *lk_comfy_output_get_path              (LkComfyOutput *self);
void               lk_comfy_output_set_path              (LkComfyOutput *self,
                                                          const char    *path);
const char        *lk_comfy_output_get_url               (LkComfyOutput *self);
void               lk_comfy_output_set_url               (LkComfyOutput *self,
                                                          const char    *url);
char              *lk_comfy_output_build_view_url        (LkComfyOutput *self,
                                                          const char    *server_url);
gboolean           lk_comfy_output_same_file             (LkComfyOutput *self,
                                                          LkComfyOutput *other);
const char        *lk_comfy_output_kind_to_string        (LkComfyOutputKind kind);
GPtrArray         *lk_comfy_outputs_from_ui              (const char    *node_id,
                                                          JsonObject    *ui);

G_END_DECLS
