/* lk-consistency.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-palette.h"
#include "lk-phash.h"

G_BEGIN_DECLS

/*
 * How much a frame looks like its character, without machine learning: each character keeps
 * the signatures (dominant colours and a perceptual hash) of its reference images and
 * approved frames, and a new frame is scored by its distance to the nearest of them.
 */

/**
 * LK_CONSISTENCY_DECODE_SIZE:
 *
 * Images are decoded at most this many pixels a side: enough for the palette and the hash,
 * and far faster than the full image.
 */
#define LK_CONSISTENCY_DECODE_SIZE 160

/**
 * LK_CONSISTENCY_PALETTE_SCALE:
 *
 * The palette distance (ΔE) that counts as much in the score as a hash distance of
 * %LK_CONSISTENCY_HASH_SCALE bits.
 */
#define LK_CONSISTENCY_PALETTE_SCALE 20.0

/**
 * LK_CONSISTENCY_HASH_SCALE:
 *
 * The hash distance (bits) that counts as much as %LK_CONSISTENCY_PALETTE_SCALE.
 */
#define LK_CONSISTENCY_HASH_SCALE 64.0

/**
 * LkSignature:
 * @palette: the dominant colours
 * @phash: the DCT perceptual hash
 * @content_hash: (nullable): the SHA-256 of the file it was read from, when known
 *
 * What the consistency score compares of one image.
 */
typedef struct
{
  LkPalette *palette;
  guint64    phash;
  char      *content_hash;
} LkSignature;

#define LK_TYPE_SIGNATURE (lk_signature_get_type ())
GType        lk_signature_get_type        (void) G_GNUC_CONST;

/**
 * lk_signature_new:
 * @palette: the palette (a reference is taken)
 * @phash: the perceptual hash
 * @content_hash: (nullable): the file's SHA-256
 *
 * Returns: (transfer full): a new signature
 */
LkSignature *lk_signature_new             (LkPalette          *palette,
                                           guint64             phash,
                                           const char         *content_hash);

/**
 * lk_signature_new_from_pixbuf:
 * @pixbuf: an image, ideally already small (see %LK_CONSISTENCY_DECODE_SIZE)
 *
 * Returns: (transfer full): the image's signature, without content hash
 */
LkSignature *lk_signature_new_from_pixbuf (GdkPixbuf          *pixbuf);

/**
 * lk_signature_load:
 * @file: an image file GdkPixbuf can read (PNG, JPEG, WebP…)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the file, takes its SHA-256 and decodes it scaled down to
 * %LK_CONSISTENCY_DECODE_SIZE with lk_image_thumbnail_decode(), then computes its signature.
 * Blocks: call it from a worker thread, or use lk_signature_load_async().
 *
 * Errors: GIO's when the file cannot be read, %LK_THUMBNAIL_ERROR when it is not a picture
 * Lorakeet can decode (a video, a truncated PNG, a decompression bomb), with the file's name
 * in the message.
 *
 * Returns: (transfer full) (nullable): the signature, with its content hash
 */
LkSignature *lk_signature_load            (GFile              *file,
                                           GCancellable       *cancellable,
                                           GError            **error);

/**
 * lk_signature_load_async:
 * @file: an image file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context with the signature
 * @user_data: data for @callback
 *
 * lk_signature_load() on a worker thread.
 */
void         lk_signature_load_async      (GFile              *file,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);

/**
 * lk_signature_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the signature, or %NULL with @error set
 */
LkSignature *lk_signature_load_finish     (GAsyncResult       *result,
                                           GError            **error);

/**
 * lk_signature_copy:
 * @self: a signature
 *
 * Returns: (transfer full): a copy of @self (the palette is shared)
 */
LkSignature *lk_signature_copy            (const LkSignature  *self);

/**
 * lk_signature_free:
 * @self: a signature
 *
 * Frees @self.
 */
void         lk_signature_free            (LkSignature        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSignature, lk_signature_free)

/**
 * LkConsistencyScore:
 * @palette_distance: the palette distance to the nearest reference (ΔE)
 * @hash_distance: the smallest Hamming distance to a reference's hash (bits)
 * @score: how much of an outlier the frame is: 0 for a copy of a reference, about 0.5–0.8
 *   for a frame of the character in another pose and scene, about 0.9 and more for someone
 *   else (on the synthetic set of `bench-consistency`)
 * @n_references: how many references the frame was compared with
 *
 * A frame's distance to its character.
 */
typedef struct
{
  double palette_distance;
  guint  hash_distance;
  double score;
  guint  n_references;
} LkConsistencyScore;

/**
 * lk_consistency_score:
 * @frame: the frame's signature
 * @references: (element-type LkSignature): the character's reference signatures
 * @score: (out caller-allocates): the result
 *
 * Scores a frame against its character's references: the smallest palette distance and the
 * smallest hash distance, each to whichever reference is nearest (poses and framing vary),
 * combined as palette / %LK_CONSISTENCY_PALETTE_SCALE + hash / %LK_CONSISTENCY_HASH_SCALE.
 *
 * Returns: %FALSE (and @score zeroed) when there are no references to compare with
 */
gboolean     lk_consistency_score         (const LkSignature  *frame,
                                           GPtrArray          *references,
                                           LkConsistencyScore *score);

#define LK_CONSISTENCY_ERROR (lk_consistency_error_quark ())

/**
 * LkConsistencyError:
 * @LK_CONSISTENCY_ERROR_NO_REFERENCES: the character has no reference image or approved
 *   frame that could be read, so there is nothing to compare frames with
 *
 * Errors of the consistency score.
 */
typedef enum
{
  LK_CONSISTENCY_ERROR_NO_REFERENCES,
} LkConsistencyError;

GQuark lk_consistency_error_quark (void);

/**
 * LkConsistencyReport:
 * @outliers: (element-type LkConsistencyRecord): the character's unreviewed frames, the
 *   least like the character first (see lk_catalog_list_outliers_async())
 * @problems: (element-type utf8): a sentence for each image that could not be used (a
 *   missing file, a damaged picture), which was skipped
 * @n_references: how many images the signature was made of
 * @n_scored: how many frames were scored
 *
 * What lk_consistency_refresh_async() did.
 */
typedef struct
{
  GPtrArray *outliers;
  GPtrArray *problems;
  guint      n_references;
  guint      n_scored;
} LkConsistencyReport;

/**
 * lk_consistency_report_free:
 * @report: a report
 *
 * Frees @report.
 */
void                 lk_consistency_report_free    (LkConsistencyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkConsistencyReport, lk_consistency_report_free)

/**
 * lk_consistency_refresh_async:
 * @catalog: an open catalog
 * @character_id: the character
 * @output_dir: (nullable): ComfyUI's output folder as this machine sees it; %NULL when the
 *   outputs were downloaded
 * @download_dir: (nullable): where outputs were downloaded, %NULL for Lorakeet's cache
 *   (lk_download_dup_root())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Recomputes a character's signature from its reference images and approved frames, scores
 * every other image its jobs produced, stores both in the catalog, and reads back the review
 * queue. Files are read and decoded on a worker thread; the catalog work runs on the
 * catalog's. Images that cannot be found or read are skipped and reported.
 *
 * Errors: %LK_CONSISTENCY_ERROR_NO_REFERENCES, and the catalog's.
 */
void                 lk_consistency_refresh_async  (LkCatalog           *catalog,
                                                    gint64               character_id,
                                                    const char          *output_dir,
                                                    const char          *download_dir,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/**
 * lk_consistency_refresh_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
LkConsistencyReport *lk_consistency_refresh_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
