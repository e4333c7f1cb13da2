/* lk-safetensors.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LK_SAFETENSORS_MAX_HEADER_LENGTH:
 *
 * The largest JSON header Lorakeet reads (100 MB). Real LoRA headers are a few KB to a few
 * hundred KB (the tag frequencies make up most of it).
 */
#define LK_SAFETENSORS_MAX_HEADER_LENGTH (100 * 1000 * 1000)

#define LK_SAFETENSORS_ERROR (lk_safetensors_error_quark ())

/**
 * LkSafetensorsError:
 * @LK_SAFETENSORS_ERROR_TRUNCATED: the file is shorter than its header says (an
 *   interrupted copy or download)
 * @LK_SAFETENSORS_ERROR_HEADER_TOO_LARGE: the header declares more than
 *   %LK_SAFETENSORS_MAX_HEADER_LENGTH bytes
 * @LK_SAFETENSORS_ERROR_INVALID_HEADER: the header is not a JSON object in UTF-8 (most
 *   likely not a safetensors file at all)
 * @LK_SAFETENSORS_ERROR_INVALID_METADATA: `__metadata__` is not a JSON object
 * @LK_SAFETENSORS_ERROR_INVALID_TENSOR: a tensor entry is malformed: no `data_offsets`,
 *   offsets in the wrong order, or a size that does not match its dtype and shape
 *
 * Errors of %LK_SAFETENSORS_ERROR. Messages name the file and say what to do.
 */
typedef enum
{
  LK_SAFETENSORS_ERROR_TRUNCATED,
  LK_SAFETENSORS_ERROR_HEADER_TOO_LARGE,
  LK_SAFETENSORS_ERROR_INVALID_HEADER,
  LK_SAFETENSORS_ERROR_INVALID_METADATA,
  LK_SAFETENSORS_ERROR_INVALID_TENSOR,
} LkSafetensorsError;

GQuark lk_safetensors_error_quark (void);

/**
 * LkTagCount:
 * @tag: a training tag, as written in the captions ("black hair")
 * @count: how many captions had it, summed over all datasets
 *
 * One entry of a LoRA's tag frequencies (kohya's `ss_tag_frequency`).
 */
typedef struct
{
  char  *tag;
  guint  count;
} LkTagCount;

#define LK_TYPE_TAG_COUNT (lk_tag_count_get_type ())

GType       lk_tag_count_get_type (void) G_GNUC_CONST;

/**
 * lk_tag_count_new:
 * @tag: a tag
 * @count: its count
 *
 * Returns: (transfer full): a new #LkTagCount holding a copy of @tag.
 */
LkTagCount *lk_tag_count_new      (const char       *tag,
                                   guint             count);

/**
 * lk_tag_count_copy:
 * @self: a #LkTagCount
 *
 * Returns: (transfer full): a copy of @self.
 */
LkTagCount *lk_tag_count_copy     (const LkTagCount *self);

/**
 * lk_tag_count_free:
 * @self: (nullable): a #LkTagCount
 *
 * Frees @self and its tag.
 */
void        lk_tag_count_free     (LkTagCount       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTagCount, lk_tag_count_free)

#define LK_TYPE_SAFETENSORS (lk_safetensors_get_type ())

G_DECLARE_FINAL_TYPE (LkSafetensors, lk_safetensors, LK, SAFETENSORS, GObject)

/**
 * lk_safetensors_parse_header:
 * @data: (array length=length): the start of a safetensors file: the 8-byte little-endian
 *   header length N followed by (at least) the N header bytes
 * @length: the number of bytes at @data
 * @file_size: the size of the whole file, used to check the header length and the tensors'
 *   data offsets; pass @length when @data is the whole file
 * @error: return location for a #GError in %LK_SAFETENSORS_ERROR
 *
 * Parses a safetensors header from memory, without touching any file. Pure and bounded
 * (suitable for fuzzing): at most 100 MB are looked at, JSON nesting deeper than 64 levels
 * is refused before parsing, and non-string values in `__metadata__` are ignored.
 *
 * Returns: (transfer full) (nullable): a new #LkSafetensors, or %NULL with @error set.
 */
LkSafetensors *lk_safetensors_parse_header (const guint8  *data,
                                            gsize          length,
                                            guint64        file_size,
                                            GError       **error);

/**
 * lk_safetensors_load:
 * @file: a `.safetensors` file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and parses the header of @file (only the header, never the tensor data). Blocking:
 * call it from a worker thread or use lk_safetensors_load_async(). Errors are in
 * %LK_SAFETENSORS_ERROR, or GIO's for a file that cannot be opened or read.
 *
 * Returns: (transfer full) (nullable): a new #LkSafetensors, or %NULL with @error set.
 */
LkSafetensors *lk_safetensors_load         (GFile                *file,
                                            GCancellable         *cancellable,
                                            GError              **error);

/**
 * lk_safetensors_load_async:
 * @file: a `.safetensors` file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs lk_safetensors_load() in a worker thread.
 */
void           lk_safetensors_load_async   (GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);

/**
 * lk_safetensors_load_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes lk_safetensors_load_async().
 *
 * Returns: (transfer full) (nullable): a new #LkSafetensors, or %NULL with @error set.
 */
LkSafetensors *lk_safetensors_load_finish  (GAsyncResult         *result,
                                            GError              **error);

/**
 * lk_safetensors_get_file_size:
 * @self: a #LkSafetensors
 *
 * Returns: the size in bytes of the whole file, as given when parsing.
 */
guint64     lk_safetensors_get_file_size     (LkSafetensors *self);

/**
 * lk_safetensors_get_header_length:
 * @self: a #LkSafetensors
 *
 * Returns: the length N of the JSON header, without the 8-byte length field.
 */
guint64     lk_safetensors_get_header_length (LkSafetensors *self);

/**
 * lk_safetensors_get_n_tensors:
 * @self: a #LkSafetensors
 *
 * Returns: the number of tensors the header lists (`__metadata__` not counted).
 */
guint       lk_safetensors_get_n_tensors     (LkSafetensors *self);

/**
 * lk_safetensors_get_metadata:
 * @self: a #LkSafetensors
 *
 * The `__metadata__` object, holding only its string members (others are dropped when
 * parsing). Do not modify it.
 *
 * Returns: (transfer none): the metadata; an empty object when the file has none.
 */
JsonObject *lk_safetensors_get_metadata       (LkSafetensors *self);

/**
 * lk_safetensors_get_metadata_value:
 * @self: a #LkSafetensors
 * @key: a metadata key, such as "ss_output_name"
 *
 * Returns: (transfer none) (nullable): the string value of @key, or %NULL when absent.
 */
const char *lk_safetensors_get_metadata_value (LkSafetensors *self,
                                               const char    *key);

/**
 * lk_safetensors_metadata_to_json:
 * @self: a #LkSafetensors
 *
 * Serialises the string members of `__metadata__` as one compact JSON object, suitable for a
 * PostgreSQL `jsonb` column (valid UTF-8, no `\u0000`).
 *
 * Returns: (transfer full): a JSON text, "{}" when there is no metadata.
 */
char       *lk_safetensors_metadata_to_json   (LkSafetensors *self);

/**
 * lk_safetensors_get_output_name:
 * @self: a #LkSafetensors
 *
 * Returns: (transfer none) (nullable): `ss_output_name`, else `modelspec.title`, else %NULL.
 */
const char *lk_safetensors_get_output_name    (LkSafetensors *self);

/**
 * lk_safetensors_get_session_id:
 * @self: a #LkSafetensors
 *
 * Returns: (transfer none) (nullable): kohya's `ss_session_id` (one per training run).
 */
const char *lk_safetensors_get_session_id     (LkSafetensors *self);

/**
 * lk_safetensors_get_base_model:
 * @self: a #LkSafetensors
 *
 * The base model as the file names it: `ss_base_model_version` ("sd_v1"), else
 * `modelspec.architecture` ("stable-diffusion-xl-v1-base/lora"), else `ss_sd_model_name`
 * (the checkpoint file trained on).
 *
 * Returns: (transfer none) (nullable): the raw string, or %NULL.
 */
const char *lk_safetensors_get_base_model     (LkSafetensors *self);

/**
 * lk_safetensors_get_base_model_family:
 * @self: a #LkSafetensors
 *
 * The base-model family (see lk-base-model.h) from the first of `ss_base_model_version`,
 * `modelspec.architecture` and `ss_sd_model_name` that is recognised.
 *
 * Returns: (transfer none) (nullable): "sd15", "sd2", "sdxl", "sd3", "flux", or %NULL.
 */
const char *lk_safetensors_get_base_model_family (LkSafetensors *self);

/**
 * lk_safetensors_get_network_dim:
 * @self: a #LkSafetensors
 *
 * The LoRA rank: `ss_network_dim`, or when absent the first dimension of the first
 * `*.lora_down.weight` tensor.
 *
 * Returns: the rank, or 0 when unknown.
 */
guint       lk_safetensors_get_network_dim    (LkSafetensors *self);

/**
 * lk_safetensors_get_network_alpha:
 * @self: a #LkSafetensors
 *
 * Returns: `ss_network_alpha` (it may be fractional), or 0 when unknown.
 */
double      lk_safetensors_get_network_alpha  (LkSafetensors *self);

/**
 * lk_safetensors_get_resolution:
 * @self: a #LkSafetensors
 * @width: (out) (optional): the training width
 * @height: (out) (optional): the training height
 *
 * Reads `ss_resolution` ("(512, 512)", "[768, 512]", "1024") or, when absent,
 * `modelspec.resolution` ("1024x1024").
 *
 * Returns: %TRUE when the resolution is known; @width and @height are set to 0 otherwise.
 */
gboolean    lk_safetensors_get_resolution     (LkSafetensors *self,
                                               guint         *width,
                                               guint         *height);

/**
 * lk_safetensors_get_num_epochs:
 * @self: a #LkSafetensors
 *
 * Returns: the number of epochs the training was set up for (`ss_num_epochs`), or 0.
 */
guint       lk_safetensors_get_num_epochs     (LkSafetensors *self);

/**
 * lk_safetensors_get_epoch:
 * @self: a #LkSafetensors
 *
 * Returns: the epoch this file was saved at (`ss_epoch`), or 0.
 */
guint       lk_safetensors_get_epoch          (LkSafetensors *self);

/**
 * lk_safetensors_get_steps:
 * @self: a #LkSafetensors
 *
 * Returns: the training steps done when this file was saved (`ss_steps`), or 0.
 */
guint64     lk_safetensors_get_steps          (LkSafetensors *self);

/**
 * lk_safetensors_get_training_started_at:
 * @self: a #LkSafetensors
 *
 * Returns: `ss_training_started_at` as whole seconds since the Unix epoch, or -1 when absent
 *   or not a plausible time.
 */
gint64      lk_safetensors_get_training_started_at  (LkSafetensors *self);

/**
 * lk_safetensors_dup_training_started:
 * @self: a #LkSafetensors
 *
 * Returns: (transfer full) (nullable): the start of training as a UTC #GDateTime, or %NULL.
 */
GDateTime  *lk_safetensors_dup_training_started     (LkSafetensors *self);

/**
 * lk_safetensors_dup_top_tags:
 * @self: a #LkSafetensors
 * @max: the most entries to return, 0 for all
 *
 * The training tags from `ss_tag_frequency`, summed over the datasets, most frequent first
 * and ties in byte order of the tag. Tags are trimmed of surrounding spaces; empty ones and
 * non-numeric counts are skipped.
 *
 * Returns: (transfer full) (element-type LkTagCount): a new array, empty when the file has
 *   no tag frequencies.
 */
GPtrArray  *lk_safetensors_dup_top_tags        (LkSafetensors *self,
                                                guint          max);

/**
 * lk_safetensors_dup_suggested_triggers:
 * @self: a #LkSafetensors
 * @max: the most words to return, 0 for all
 *
 * Trigger words to suggest for this LoRA: `modelspec.trigger_phrase` first when present,
 * then the tags of lk_safetensors_dup_top_tags() in that order, without duplicates.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when nothing is known.
 */
char      **lk_safetensors_dup_suggested_triggers (LkSafetensors *self,
                                                   guint          max);

G_END_DECLS
