/* lk-catalog-references.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog.h"
#include "lk-reference-image.h"

G_BEGIN_DECLS

#define LK_REFERENCE_ERROR (lk_reference_error_quark ())

/**
 * LkReferenceError:
 * @LK_REFERENCE_ERROR_UNREADABLE: the file cannot be read, or its picture is damaged
 * @LK_REFERENCE_ERROR_UNSUPPORTED: the file is not a PNG, JPEG or WebP picture (told from
 *   its content, not its name)
 * @LK_REFERENCE_ERROR_TOO_SMALL: a training image is under
 *   %LK_REFERENCE_MIN_TRAINING_SIDE pixels on its short side
 * @LK_REFERENCE_ERROR_DUPLICATE: the same picture (same content hash) is already one of the
 *   character's reference images
 *
 * Why a reference image was refused. Messages name the file and say what to do.
 */
typedef enum
{
  LK_REFERENCE_ERROR_UNREADABLE,
  LK_REFERENCE_ERROR_UNSUPPORTED,
  LK_REFERENCE_ERROR_TOO_SMALL,
  LK_REFERENCE_ERROR_DUPLICATE,
} LkReferenceError;

GQuark lk_reference_error_quark (void);

/**
 * lk_catalog_list_reference_images_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the character's reference images, in their order.
 */
void              lk_catalog_list_reference_images_async   (LkCatalog           *self,
                                                            gint64               character_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/**
 * lk_catalog_list_reference_images_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkReferenceImage
 */
GListModel       *lk_catalog_list_reference_images_finish  (LkCatalog           *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/**
 * lk_catalog_list_first_reference_images_async:
 * @self: a #LkCatalog
 * @project_id: the project whose characters are wanted, or 0 for every project
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists, in one query, the picture that stands for each character: its first reference
 * sheet, else its first reference image of any role. Characters without reference images
 * are left out.
 */
void              lk_catalog_list_first_reference_images_async  (LkCatalog           *self,
                                                                 gint64               project_id,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);

/**
 * lk_catalog_list_first_reference_images_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkReferenceImage, at most one per character
 */
GListModel       *lk_catalog_list_first_reference_images_finish (LkCatalog           *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

/**
 * lk_catalog_add_reference_image_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @path: the image file (made absolute)
 * @role: what the image is for
 * @caption: (nullable): the training caption
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Checks the file off the main thread (a PNG, JPEG or WebP picture that decodes, told from
 * its content; for a training image at least %LK_REFERENCE_MIN_TRAINING_SIDE pixels on the
 * short side), hashes it and adds it after the character's other images. The same picture
 * added twice to a character is refused, whatever its file name. Errors:
 * %LK_REFERENCE_ERROR, %LK_CATALOG_ERROR_NOT_FOUND (no such character), the catalog's.
 */
void              lk_catalog_add_reference_image_async     (LkCatalog           *self,
                                                            gint64               character_id,
                                                            const char          *path,
                                                            LkReferenceRole      role,
                                                            const char          *caption,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/**
 * lk_catalog_add_reference_image_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stored image, or %NULL with @error set
 */
LkReferenceImage *lk_catalog_add_reference_image_finish    (LkCatalog           *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/**
 * lk_catalog_remove_reference_image_async:
 * @self: a #LkCatalog
 * @reference_id: the reference image row
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the image from the character's references. The file itself is left alone.
 */
void              lk_catalog_remove_reference_image_async  (LkCatalog           *self,
                                                            gint64               reference_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/**
 * lk_catalog_remove_reference_image_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when removed; %LK_CATALOG_ERROR_NOT_FOUND for an unknown id
 */
gboolean          lk_catalog_remove_reference_image_finish (LkCatalog           *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/**
 * lk_catalog_set_reference_caption_async:
 * @self: a #LkCatalog
 * @reference_id: the reference image row
 * @caption: (nullable): the new training caption
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores an edited caption.
 */
void              lk_catalog_set_reference_caption_async   (LkCatalog           *self,
                                                            gint64               reference_id,
                                                            const char          *caption,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/**
 * lk_catalog_set_reference_caption_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored; %LK_CATALOG_ERROR_NOT_FOUND for an unknown id
 */
gboolean          lk_catalog_set_reference_caption_finish  (LkCatalog           *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
