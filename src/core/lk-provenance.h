/* lk-provenance.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-png-info.h"

G_BEGIN_DECLS

/*
 * LkProvenance
 *
 * What made a frame, read from the `prompt` text chunk ComfyUI writes into every PNG (the
 * API-format graph that ran): the checkpoint, the LoRAs on the model path with their
 * strengths, the seed, the prompts, the sampler settings, and the `lorakeet` chunk that tags
 * every frame of a Lorakeet job with the job's id. A video's facts come from the first-frame
 * PNG ComfyUI writes beside it.
 *
 * A frame without ComfyUI metadata is not an error: lk_provenance_get_has_metadata() is
 * %FALSE and lk_provenance_get_summary() says why, for the side panel.
 */

/**
 * LkProvenanceLora:
 * @node_id: the loader node
 * @name: the LoRA file name as ComfyUI got it (may carry a folder prefix)
 * @strength_model: the strength on the model
 * @strength_clip: the strength on CLIP (0 for `LoraLoaderModelOnly`)
 * @model_only: whether the loader is a `LoraLoaderModelOnly`
 *
 * One LoRA of a frame, in chain order (the one nearest the checkpoint first).
 */
typedef struct
{
  char     *node_id;
  char     *name;
  double    strength_model;
  double    strength_clip;
  gboolean  model_only;
} LkProvenanceLora;

#define LK_TYPE_PROVENANCE (lk_provenance_get_type ())

G_DECLARE_FINAL_TYPE (LkProvenance, lk_provenance, LK, PROVENANCE, GObject)

/**
 * lk_provenance_new_from_png_info:
 * @info: the text chunks of a PNG
 * @path: (nullable): the file shown (the video, for a video's first frame)
 *
 * Reads the provenance from @info's `prompt` and `lorakeet` chunks. Pure and bounded.
 *
 * Returns: (transfer full): a new #LkProvenance, possibly without metadata
 */
LkProvenance *lk_provenance_new_from_png_info (LkPngInfo            *info,
                                               const char           *path);

/**
 * lk_provenance_dup_frame_file:
 * @file: an output file
 *
 * The PNG that holds @file's metadata: @file itself for an image, the first-frame PNG beside
 * a video (`name_00001.png` for `name_00001.mp4`).
 *
 * Returns: (transfer full): a #GFile
 */
GFile        *lk_provenance_dup_frame_file    (GFile                *file);

/**
 * lk_provenance_load:
 * @file: a PNG frame, or a video with its first-frame PNG beside it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the provenance of @file. Blocking: use lk_provenance_load_async() from the main
 * thread. A video without its first-frame PNG gives a result without metadata. Errors are
 * those of lk_png_info_load(): a PNG that is truncated, not a PNG, or damaged, or a file that
 * cannot be read.
 *
 * Returns: (transfer full) (nullable): a new #LkProvenance, or %NULL with @error set
 */
LkProvenance *lk_provenance_load              (GFile                *file,
                                               GCancellable         *cancellable,
                                               GError              **error);

/**
 * lk_provenance_load_async:
 * @file: a PNG frame or a video
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs lk_provenance_load() in a worker thread.
 */
void          lk_provenance_load_async        (GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);

/**
 * lk_provenance_load_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes lk_provenance_load_async().
 *
 * Returns: (transfer full) (nullable): a new #LkProvenance, or %NULL with @error set
 */
LkProvenance *lk_provenance_load_finish       (GAsyncResult         *result,
                                               GError              **error);

/**
 * lk_provenance_get_path:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the file the provenance is about
 */
const char   *lk_provenance_get_path          (LkProvenance         *self);

/**
 * lk_provenance_get_has_metadata:
 * @self: a #LkProvenance
 *
 * Returns: whether the frame carries a readable ComfyUI `prompt` graph
 */
gboolean      lk_provenance_get_has_metadata  (LkProvenance         *self);

/**
 * lk_provenance_get_summary:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): without metadata, a sentence saying why ("This frame
 *   has no ComfyUI metadata…"); %NULL when there is metadata
 */
const char   *lk_provenance_get_summary       (LkProvenance         *self);

/**
 * lk_provenance_get_checkpoint:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the main model loader's checkpoint (or diffusion
 *   model) file name
 */
const char   *lk_provenance_get_checkpoint    (LkProvenance         *self);

/**
 * lk_provenance_get_n_loras:
 * @self: a #LkProvenance
 *
 * Returns: the number of LoRA loaders on the main sampler's model path
 */
guint         lk_provenance_get_n_loras       (LkProvenance         *self);

/**
 * lk_provenance_get_lora:
 * @self: a #LkProvenance
 * @index: below lk_provenance_get_n_loras()
 *
 * Returns: (transfer none): the LoRA at @index, in chain order
 */
const LkProvenanceLora *lk_provenance_get_lora (LkProvenance        *self,
                                                guint                index);

/**
 * lk_provenance_get_seed:
 * @self: a #LkProvenance
 * @seed: (out) (optional): the seed
 *
 * Returns: whether the graph has a literal seed
 */
gboolean      lk_provenance_get_seed          (LkProvenance         *self,
                                               guint64              *seed);

/**
 * lk_provenance_get_positive:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the positive prompt text; when it comes from a node
 *   whose text cannot be read, "from node #N"
 */
const char   *lk_provenance_get_positive      (LkProvenance         *self);

/**
 * lk_provenance_get_negative:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the negative prompt text, as for
 *   lk_provenance_get_positive()
 */
const char   *lk_provenance_get_negative      (LkProvenance         *self);

/**
 * lk_provenance_get_sampler_name:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the main sampler's `sampler_name`
 */
const char   *lk_provenance_get_sampler_name  (LkProvenance         *self);

/**
 * lk_provenance_get_scheduler:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the main sampler's `scheduler`
 */
const char   *lk_provenance_get_scheduler     (LkProvenance         *self);

/**
 * lk_provenance_get_steps:
 * @self: a #LkProvenance
 *
 * Returns: the main sampler's steps, 0 when unknown
 */
guint         lk_provenance_get_steps         (LkProvenance         *self);

/**
 * lk_provenance_get_cfg:
 * @self: a #LkProvenance
 *
 * Returns: the main sampler's CFG scale, 0 when unknown
 */
double        lk_provenance_get_cfg           (LkProvenance         *self);

/**
 * lk_provenance_get_size:
 * @self: a #LkProvenance
 * @width: (out) (optional): the width in pixels
 * @height: (out) (optional): the height in pixels
 *
 * The generated size: the empty latent's, else the PNG's own.
 *
 * Returns: whether a size is known
 */
gboolean      lk_provenance_get_size          (LkProvenance         *self,
                                               guint                *width,
                                               guint                *height);

/**
 * lk_provenance_get_job_tag:
 * @self: a #LkProvenance
 *
 * Returns: (transfer none) (nullable): the Lorakeet job id from the `lorakeet` chunk, %NULL
 *   for a frame made outside Lorakeet
 */
const char   *lk_provenance_get_job_tag       (LkProvenance         *self);

/**
 * lk_provenance_get_warnings:
 * @self: a #LkProvenance
 *
 * Problems met while reading that did not stop it (damaged chunks, a malformed job tag).
 *
 * Returns: (transfer none) (array zero-terminated=1): a %NULL-terminated array
 */
const char * const *lk_provenance_get_warnings (LkProvenance        *self);

/**
 * lk_provenance_to_json:
 * @self: a #LkProvenance
 *
 * Returns: (transfer full): a JSON object with the facts above (what
 *   `lorakeet-cli provenance --json` prints)
 */
JsonNode     *lk_provenance_to_json           (LkProvenance         *self);

G_END_DECLS
