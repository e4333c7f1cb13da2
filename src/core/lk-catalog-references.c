/* lk-catalog-references.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A character's reference images (`character_reference_images`). A file is checked and
 * hashed on a thread of its own before the row is written, so a big picture does not hold
 * up other catalog requests. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-references"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog-private.h"
#include "lk-catalog-references.h"
#include "lk-file-hash.h"
#include "lk-image-thumbnail.h"
#include "lk-output-scanner.h"

/* Decoding to this size is enough to prove the picture is whole and to learn its size. */
#define CHECK_DECODE_SIZE 32

G_DEFINE_QUARK (lk-reference-error-quark, lk_reference_error)

typedef struct
{
  gint64           character_id;
  gint64           reference_id;
  char            *path;
  char            *caption;
  char            *content_hash;
  LkReferenceRole  role;
  int              width;
  int              height;
} ReferenceData;

static void
reference_data_free (ReferenceData *data)
{
  g_free (data->path);
  g_free (data->caption);
  g_free (data->content_hash);
  g_free (data);
}

#define REFERENCE_COLUMNS \
  "id, character_id, file_path, role, caption, position, content_hash, width, height"

static LkReferenceImage *
reference_from_row (const PGresult *res,
                    int             row)
{
  LkReferenceRole role = LK_REFERENCE_ROLE_REFERENCE_SHEET;

  lk_reference_role_from_string (_lk_pg_str (res, row, 3), &role);

  return lk_reference_image_new (_lk_pg_int64 (res, row, 0), _lk_pg_int64 (res, row, 1),
                                 _lk_pg_str (res, row, 2), role, _lk_pg_str (res, row, 4),
                                 (int)_lk_pg_int64 (res, row, 5), _lk_pg_str (res, row, 6),
                                 (int)_lk_pg_int64 (res, row, 7),
                                 (int)_lk_pg_int64 (res, row, 8));
}

/* Every row of @res, as a list of LkReferenceImage. */
static GListModel *
references_from_result (const PGresult *res)
{
  GListStore *store = g_list_store_new (LK_TYPE_REFERENCE_IMAGE);

  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(LkReferenceImage) image = reference_from_row (res, i);

      g_list_store_append (store, image);
    }

  return G_LIST_MODEL (store);
}

/* Listing ---------------------------------------------------------------------------------- */

static gboolean
list_work (PGconn          *conn,
           gpointer         task_data,
           GCancellable    *cancellable,
           gpointer        *result,
           GDestroyNotify  *result_free,
           GError         **error)
{
  ReferenceData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  const char *values[] = { id };
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "SELECT " REFERENCE_COLUMNS " FROM character_reference_images "
                     "WHERE character_id = $1 ORDER BY position, id", 1, values, error);
  if (res == NULL)
    return FALSE;

  *result = references_from_result (res);
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_reference_images_async (LkCatalog           *self,
                                        gint64               character_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  ReferenceData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  data = g_new0 (ReferenceData, 1);
  data->character_id = character_id;

  _lk_catalog_run (self, lk_catalog_list_reference_images_async,
                   data, (GDestroyNotify)reference_data_free, LK_CATALOG_WORK_READ, list_work,
                   cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_reference_images_finish (LkCatalog     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One picture per character, for avatars: reference sheets before training images. */
static gboolean
list_first_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  ReferenceData *data = task_data;
  g_autofree char *project_id = _lk_pg_id_param (data->character_id);
  const char *values[] = { project_id };
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "SELECT DISTINCT ON (r.character_id) "
                     "  r.id, r.character_id, r.file_path, r.role, r.caption, r.position, "
                     "  r.content_hash, r.width, r.height "
                     "FROM character_reference_images r "
                     "JOIN characters c ON c.id = r.character_id "
                     "WHERE $1::bigint IS NULL OR c.project_id = $1::bigint "
                     "ORDER BY r.character_id, r.role <> 'reference-sheet', r.position, r.id",
                     1, values, error);
  if (res == NULL)
    return FALSE;

  *result = references_from_result (res);
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_first_reference_images_async (LkCatalog           *self,
                                              gint64               project_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  ReferenceData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (project_id >= 0);

  /* The project's id rides in character_id: the data struct is shared by every request. */
  data = g_new0 (ReferenceData, 1);
  data->character_id = project_id;

  _lk_catalog_run (self, lk_catalog_list_first_reference_images_async,
                   data, (GDestroyNotify)reference_data_free, LK_CATALOG_WORK_READ, list_first_work,
                   cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_first_reference_images_finish (LkCatalog     *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Adding ----------------------------------------------------------------------------------- */

/* GdkPixbuf shows what it decoded of a truncated PNG without complaint; its end marker
 * tells. */
static gboolean
is_cut_short (const char *path,
              gsize       length)
{
  LkFileCompleteness completeness;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  completeness = lk_file_check_completeness (fd, (goffset)length);
  g_close (fd, NULL);

  return completeness == LK_FILE_COMPLETENESS_INCOMPLETE;
}

static gboolean
check_file (ReferenceData  *data,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (data->path);
  const char *type;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNREADABLE,
                   _("Cannot read %s: %s. Check that the file exists and is readable."),
                   data->path, local_error->message);
      return FALSE;
    }

  if (!(type = lk_image_thumbnail_sniff_type ((const guint8 *)contents, length)))
    {
      g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNSUPPORTED,
                   _("%s is not a PNG, JPEG or WebP picture. Save it in one of those formats "
                     "and add it again."), name);
      return FALSE;
    }

  if (is_cut_short (data->path, length))
    {
      g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNREADABLE,
                   _("%s is cut short (the picture does not end where the file ends). Copy "
                     "or export it again."), name);
      return FALSE;
    }

  pixbuf = lk_image_thumbnail_decode ((const guint8 *)contents, length, type, CHECK_DECODE_SIZE,
                                      &data->width, &data->height, cancellable, &local_error);
  if (pixbuf == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNREADABLE,
                   _("The picture in %s is damaged (%s). Export it again from the program "
                     "that made it."), name, local_error->message);
      return FALSE;
    }

  if (data->role == LK_REFERENCE_ROLE_TRAINING_IMAGE
      && MIN (data->width, data->height) < LK_REFERENCE_MIN_TRAINING_SIDE)
    {
      g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_TOO_SMALL,
                   _("%s is %d × %d pixels; a training image needs at least %d pixels on its "
                     "short side. Use a larger version, or add it as a reference sheet."),
                   name, data->width, data->height, LK_REFERENCE_MIN_TRAINING_SIDE);
      return FALSE;
    }

  data->content_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)contents,
                                                    length);
  return TRUE;
}

static gboolean
add_work (PGconn          *conn,
          gpointer         task_data,
          GCancellable    *cancellable,
          gpointer        *result,
          GDestroyNotify  *result_free,
          GError         **error)
{
  ReferenceData *data = task_data;
  g_autofree char *character_id = _lk_pg_int64_param (data->character_id);
  g_autofree char *width = g_strdup_printf ("%d", data->width);
  g_autofree char *height = g_strdup_printf ("%d", data->height);
  g_autoptr(PGresult) res = NULL;

  {
    const char *values[] = { character_id, data->content_hash, data->path };

    res = _lk_pg_exec (conn,
                       "SELECT c.name, r.file_path, r.content_hash = $2 "
                       "FROM characters c LEFT JOIN character_reference_images r "
                       "  ON r.character_id = c.id AND (r.content_hash = $2 OR r.file_path = $3) "
                       "WHERE c.id = $1 ORDER BY r.content_hash = $2 DESC NULLS LAST LIMIT 1",
                       3, values, error);
    if (res == NULL)
      return FALSE;
  }

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No character has the id %s; it may have been deleted."), character_id);
      return FALSE;
    }
  if (!PQgetisnull (res, 0, 1))
    {
      g_autofree char *name = g_path_get_basename (data->path);

      if (_lk_pg_bool (res, 0, 2))
        g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_DUPLICATE,
                     _("%s is the same picture as %s, already a reference of %s. Nothing was "
                       "added."), name, _lk_pg_str (res, 0, 1), _lk_pg_str (res, 0, 0));
      else
        g_set_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_DUPLICATE,
                     _("%s is already a reference of %s (the file changed since). Remove the "
                       "old entry first."), data->path, _lk_pg_str (res, 0, 0));
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);

  {
    const char *values[] = { character_id, data->path, lk_reference_role_to_string (data->role),
                             data->caption, data->content_hash, width, height };

    res = _lk_pg_exec (conn,
                       "INSERT INTO character_reference_images "
                       "  (character_id, file_path, role, caption, content_hash, width, height, "
                       "   position) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, "
                       "  (SELECT COALESCE (max (position) + 1, 0) "
                       "   FROM character_reference_images WHERE character_id = $1)) "
                       "RETURNING " REFERENCE_COLUMNS, 7, values, error);
    if (res == NULL)
      return FALSE;
  }

  *result = reference_from_row (res, 0);
  *result_free = g_object_unref;
  return TRUE;
}

static void
check_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (!check_file (task_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, add_work);
}

void
lk_catalog_add_reference_image_async (LkCatalog           *self,
                                      gint64               character_id,
                                      const char          *path,
                                      LkReferenceRole      role,
                                      const char          *caption,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) check_task = NULL;
  ReferenceData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (path != NULL);

  data = g_new0 (ReferenceData, 1);
  data->character_id = character_id;
  data->path = g_canonicalize_filename (path, NULL);
  data->role = role;
  data->caption = caption && *caption ? g_strdup (caption) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_add_reference_image_async);
  g_task_set_task_data (task, data, (GDestroyNotify)reference_data_free);

  if (lk_catalog_get_read_only (self))
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY, "%s",
                               lk_catalog_get_notice (self));
      return;
    }

  /* The check task shares the data: it fills in the size and hash the row needs. */
  check_task = g_task_new (self, cancellable, checked_cb, g_steal_pointer (&task));
  g_task_set_source_tag (check_task, lk_catalog_add_reference_image_async);
  g_task_set_task_data (check_task, data, NULL);
  g_task_run_in_thread (check_task, check_worker);
}

LkReferenceImage *
lk_catalog_add_reference_image_finish (LkCatalog     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removing and captions -------------------------------------------------------------------- */

static gboolean
update_work (PGconn          *conn,
             gpointer         task_data,
             GCancellable    *cancellable,
             gpointer        *result,
             GDestroyNotify  *result_free,
             GError         **error)
{
  ReferenceData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->reference_id);
  g_autoptr(PGresult) res = NULL;

  if (data->path == NULL)
    {
      const char *values[] = { id, data->caption };

      res = _lk_pg_exec (conn,
                         "UPDATE character_reference_images SET caption = $2 WHERE id = $1 "
                         "RETURNING id", 2, values, error);
    }
  else
    {
      const char *values[] = { id };

      res = _lk_pg_exec (conn, "DELETE FROM character_reference_images WHERE id = $1 "
                               "RETURNING id", 1, values, error);
    }
  if (res == NULL)
    return FALSE;

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No reference image has the id %s; it may have been removed already."), id);
      return FALSE;
    }

  return TRUE;
}

static void
queue_update (LkCatalog           *self,
              gpointer             source_tag,
              gint64               reference_id,
              gboolean             remove,
              const char          *caption,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  ReferenceData *data = g_new0 (ReferenceData, 1);

  data->reference_id = reference_id;
  data->path = remove ? g_strdup ("") : NULL;    /* marks a removal */
  data->caption = caption && *caption ? g_strdup (caption) : NULL;

  _lk_catalog_run (self, source_tag, data, (GDestroyNotify)reference_data_free,
                   LK_CATALOG_WORK_WRITE, update_work, cancellable, callback, user_data);
}

void
lk_catalog_remove_reference_image_async (LkCatalog           *self,
                                         gint64               reference_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (reference_id > 0);

  queue_update (self, lk_catalog_remove_reference_image_async, reference_id, TRUE, NULL,
                cancellable, callback, user_data);
}

gboolean
lk_catalog_remove_reference_image_finish (LkCatalog     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_catalog_set_reference_caption_async (LkCatalog           *self,
                                        gint64               reference_id,
                                        const char          *caption,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (reference_id > 0);

  queue_update (self, lk_catalog_set_reference_caption_async, reference_id, FALSE, caption,
                cancellable, callback, user_data);
}

gboolean
lk_catalog_set_reference_caption_finish (LkCatalog     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
