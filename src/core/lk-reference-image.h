/* lk-reference-image.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LkReferenceRole:
 * @LK_REFERENCE_ROLE_REFERENCE_SHEET: a model sheet or approved frame to look at
 * @LK_REFERENCE_ROLE_TRAINING_IMAGE: an image the character's LoRA is trained on (at least
 *   %LK_REFERENCE_MIN_TRAINING_SIDE pixels on its short side)
 *
 * What a reference image is for.
 */
typedef enum
{
  LK_REFERENCE_ROLE_REFERENCE_SHEET,
  LK_REFERENCE_ROLE_TRAINING_IMAGE,
} LkReferenceRole;

/**
 * LK_REFERENCE_MIN_TRAINING_SIDE:
 *
 * The shortest side, in pixels, a training image may have: kohya's buckets start at 512.
 */
#define LK_REFERENCE_MIN_TRAINING_SIDE 512

#define LK_TYPE_REFERENCE_ROLE (lk_reference_role_get_type ())
GType lk_reference_role_get_type (void) G_GNUC_CONST;

/**
 * lk_reference_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): the role as stored in the catalog ("reference-sheet",
 *   "training-image")
 */
const char      *lk_reference_role_to_string   (LkReferenceRole  role);

/**
 * lk_reference_role_from_string:
 * @text: (nullable): "reference-sheet" or "training-image" (also "sheet", "training")
 * @role: (out): the role
 *
 * Returns: %TRUE when @text names a role
 */
gboolean         lk_reference_role_from_string (const char      *text,
                                                LkReferenceRole *role);

#define LK_TYPE_REFERENCE_IMAGE (lk_reference_image_get_type ())

G_DECLARE_FINAL_TYPE (LkReferenceImage, lk_reference_image, LK, REFERENCE_IMAGE, GObject)

/*
 * LkReferenceImage
 *
 * One row of `character_reference_images`: a picture of a character with its role,
 * caption and content hash. All properties are read-only except the caption, which the
 * training set edits before an export.
 */

/**
 * lk_reference_image_new:
 * @id: the row id (0 for an image not in the catalog)
 * @character_id: the character
 * @path: the image file
 * @role: what the image is for
 * @caption: (nullable): the training caption
 * @position: the order among the character's images
 * @content_hash: (nullable): the SHA-256 of the file
 * @width: the width in pixels, 0 when unknown
 * @height: the height in pixels, 0 when unknown
 *
 * Returns: (transfer full): a new reference image
 */
LkReferenceImage *lk_reference_image_new              (gint64            id,
                                                       gint64            character_id,
                                                       const char       *path,
                                                       LkReferenceRole   role,
                                                       const char       *caption,
                                                       int               position,
                                                       const char       *content_hash,
                                                       int               width,
                                                       int               height);

/**
 * lk_reference_image_get_id:
 * @self: a #LkReferenceImage
 *
 * Returns: the row id
 */
gint64            lk_reference_image_get_id           (LkReferenceImage *self);

/**
 * lk_reference_image_get_character_id:
 * @self: a #LkReferenceImage
 *
 * Returns: the character's row id
 */
gint64            lk_reference_image_get_character_id (LkReferenceImage *self);

/**
 * lk_reference_image_get_path:
 * @self: a #LkReferenceImage
 *
 * Returns: (transfer none): the image file's absolute path
 */
const char       *lk_reference_image_get_path         (LkReferenceImage *self);

/**
 * lk_reference_image_get_role:
 * @self: a #LkReferenceImage
 *
 * Returns: what the image is for
 */
LkReferenceRole   lk_reference_image_get_role         (LkReferenceImage *self);

/**
 * lk_reference_image_get_caption:
 * @self: a #LkReferenceImage
 *
 * Returns: (transfer none) (nullable): the training caption
 */
const char       *lk_reference_image_get_caption      (LkReferenceImage *self);

/**
 * lk_reference_image_set_caption:
 * @self: a #LkReferenceImage
 * @caption: (nullable): the new caption
 *
 * Changes the caption of this object (the `caption` property); the catalog row is not
 * touched.
 */
void              lk_reference_image_set_caption      (LkReferenceImage *self,
                                                       const char       *caption);

/**
 * lk_reference_image_get_position:
 * @self: a #LkReferenceImage
 *
 * Returns: the order among the character's images
 */
int               lk_reference_image_get_position     (LkReferenceImage *self);

/**
 * lk_reference_image_get_content_hash:
 * @self: a #LkReferenceImage
 *
 * Returns: (transfer none) (nullable): the file's SHA-256 as 64 hexadecimal digits
 */
const char       *lk_reference_image_get_content_hash (LkReferenceImage *self);

/**
 * lk_reference_image_get_width:
 * @self: a #LkReferenceImage
 *
 * Returns: the width in pixels, 0 when unknown
 */
int               lk_reference_image_get_width        (LkReferenceImage *self);

/**
 * lk_reference_image_get_height:
 * @self: a #LkReferenceImage
 *
 * Returns: the height in pixels, 0 when unknown
 */
int               lk_reference_image_get_height       (LkReferenceImage *self);

G_END_DECLS
