/* lk-catalog-training-outfits.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A character's outfit triggers: the concepts besides the character itself that every
 * training set of the character trains, each with its own repeats. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-training-outfits"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-catalog-training.h"
#include "lk-training-set.h"

typedef struct
{
  gint64  character_id;
  char   *trigger;
  guint   repeats;
} OutfitData;

static void
outfit_data_free (OutfitData *data)
{
  g_free (data->trigger);
  g_free (data);
}

static gboolean
outfit_set_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  OutfitData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  g_autofree char *repeats = g_strdup_printf ("%u", data->repeats);
  const char *values[] = { id, data->trigger, repeats };
  g_autoptr(PGresult) res = NULL;
  g_autofree char *own = NULL;

  res = _lk_pg_exec (conn,
                     "SELECT c.name, t.trigger_word FROM characters c "
                     "LEFT JOIN character_training t ON t.character_id = c.id WHERE c.id = $1",
                     1, values, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("There is no character %s in the catalog."), id);
      return FALSE;
    }

  /* the character's own trigger names the base concept: as an outfit it would split it */
  own = _lk_pg_str (res, 0, 1) ? g_strdup (_lk_pg_str (res, 0, 1))
                               : lk_training_set_default_trigger (_lk_pg_str (res, 0, 0));
  if (g_ascii_strcasecmp (own, data->trigger) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                   _("“%s” is %s’s own trigger word, not an outfit. Give the outfit a word of "
                     "its own, such as “%s_uniform”."),
                   data->trigger, _lk_pg_str (res, 0, 0), own);
      return FALSE;
    }

  /* trigger words match without regard to case, as the training set's captions do */
  return _lk_pg_command (conn,
                         "WITH changed AS (UPDATE character_outfit_triggers SET repeats = $3 "
                         "  WHERE character_id = $1 AND lower (trigger_word) = lower ($2) "
                         "  RETURNING 1) "
                         "INSERT INTO character_outfit_triggers (character_id, trigger_word, "
                         "  repeats) SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM changed) "
                         "ON CONFLICT (character_id, trigger_word) DO UPDATE SET "
                         "  repeats = EXCLUDED.repeats", 3, values, error);
}

static gboolean
outfit_remove_work (PGconn          *conn,
                    gpointer         task_data,
                    GCancellable    *cancellable,
                    gpointer        *result,
                    GDestroyNotify  *result_free,
                    GError         **error)
{
  OutfitData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  const char *values[] = { id, data->trigger };
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "DELETE FROM character_outfit_triggers "
                     "WHERE character_id = $1 AND lower (trigger_word) = lower ($2)",
                     2, values, error);
  if (res == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (res), "0") == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("The character has no outfit trigger “%s”."), data->trigger);
      return FALSE;
    }
  return TRUE;
}

/* An outfit trigger is one word of a caption: what kohya matches against the tags. */
static gboolean
check_outfit_trigger (const char  *trigger,
                      guint        repeats,
                      GError     **error)
{
  if (*trigger == '\0' || !g_utf8_validate (trigger, -1, NULL))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                           _("The outfit trigger is empty. Type one word, such as "
                             "“mei_office_suit”."));
      return FALSE;
    }
  for (const char *p = trigger; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || *p == ',')
      {
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                     _("The outfit trigger “%s” has a space or a comma. Use one word, with "
                       "underscores between its parts, such as “mei_office_suit”."), trigger);
        return FALSE;
      }
  if (repeats < 1 || repeats > 1000)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                   _("The repeats of an outfit trigger go from 1 to 1000 (not %u)."), repeats);
      return FALSE;
    }
  return TRUE;
}

void
lk_catalog_set_outfit_trigger_async (LkCatalog           *self,
                                     gint64               character_id,
                                     const char          *trigger,
                                     guint                repeats,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  OutfitData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (trigger != NULL);

  data = g_new0 (OutfitData, 1);
  data->character_id = character_id;
  data->trigger = g_strstrip (g_strdup (trigger));
  data->repeats = repeats;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_set_outfit_trigger_async);
  g_task_set_task_data (task, data, (GDestroyNotify)outfit_data_free);
  if (!check_outfit_trigger (data->trigger, repeats, &error))
    g_task_return_error (task, error);
  else
    _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, outfit_set_work);
}

gboolean
lk_catalog_set_outfit_trigger_finish (LkCatalog     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_catalog_remove_outfit_trigger_async (LkCatalog           *self,
                                        gint64               character_id,
                                        const char          *trigger,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  OutfitData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (trigger != NULL);

  data = g_new0 (OutfitData, 1);
  data->character_id = character_id;
  data->trigger = g_strstrip (g_strdup (trigger));

  _lk_catalog_run (self, lk_catalog_remove_outfit_trigger_async,
                   data, (GDestroyNotify)outfit_data_free,
                   LK_CATALOG_WORK_WRITE, outfit_remove_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_remove_outfit_trigger_finish (LkCatalog     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
