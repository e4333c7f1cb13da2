/* lk-generate-panel-check.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why the Generate panel cannot send its request now: the catalog session, the selection, the
 * servers, then the generator's own checks for this character and server, in that order. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-check.h"
#include "lk-generate-panel-private.h"
#include "lk-util.h"

LkServerPool *
_lk_generate_panel_get_pool (LkGeneratePanel *self)
{
  return self->generator != NULL ? lk_generator_get_pool (self->generator) : NULL;
}

char *
_lk_generate_panel_find_blocker (LkGeneratePanel *self)
{
  LkServerPool *pool = _lk_generate_panel_get_pool (self);

  if (self->session != NULL)
    switch (lk_catalog_session_get_state (self->session))
      {
      case LK_CATALOG_SESSION_STATE_CONNECTING:
        return g_strdup (_("Opening the studio catalog…"));
      case LK_CATALOG_SESSION_STATE_OFFLINE:
      case LK_CATALOG_SESSION_STATE_FAILED:
        return g_strdup (_("Database offline: jobs cannot be recorded until the catalog is "
                           "back."));
      case LK_CATALOG_SESSION_STATE_READ_ONLY:
        return g_strdup (_("The studio catalog is read-only: jobs cannot be recorded."));
      case LK_CATALOG_SESSION_STATE_CONNECTED:
      default:
        break;
      }

  if (self->generator == NULL)
    return g_strdup (_("Database offline: jobs cannot be recorded until the catalog is back."));
  if (self->character == NULL)
    return g_strdup (_("No character selected: pick one in the list."));
  if (g_list_model_get_n_items (G_LIST_MODEL (pool)) == 0)
    return g_strdup (_("No ComfyUI server is set up: add one in Preferences."));
  if (self->server_url != NULL)
    {
      LkComfyClient *client = lk_server_pool_find (pool, self->server_url);

      if (client == NULL || lk_comfy_client_get_state (client) != LK_COMFY_SERVER_ONLINE)
        return g_strdup_printf (_("The server %s is not online: pick Automatic or wait for "
                                  "it."), self->server_url);
    }
  else if (lk_server_pool_get_n_online (pool) == 0)
    return g_strdup (_("No ComfyUI server online."));
  if (self->checking)
    return g_strdup (_("Checking the character’s profile and LoRA…"));
  if (self->check_blocker != NULL)
    return g_strdup (self->check_blocker);

  return NULL;
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkGeneratePanel) self = user_data;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = NULL;

  checks = lk_generator_check_finish (LK_GENERATOR (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || LK_GENERATOR (object) != self->generator)
    return;

  if (checks == NULL)
    blocker = g_strdup (error->message);
  for (guint i = 0; checks != NULL && i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      if (lk_check_get_level (check) != LK_CHECK_LEVEL_ERROR)
        continue;
      if (lk_check_get_fix (check) != NULL)
        blocker = g_strdup_printf ("%s — %s", lk_check_get_message (check),
                                   lk_check_get_fix (check));
      else
        blocker = g_strdup (lk_check_get_message (check));
      break;
    }

  self->checking = FALSE;
  lk_set_str (&self->check_blocker, blocker);
  _lk_generate_panel_update (self);
}

void
_lk_generate_panel_recheck (LkGeneratePanel *self)
{
  g_assert (LK_IS_GENERATE_PANEL (self));

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->check_blocker, g_free);
  self->checking = FALSE;

  if (self->generator != NULL && self->character != NULL)
    {
      self->check_cancellable = g_cancellable_new ();
      self->checking = TRUE;
      lk_generator_check_async (self->generator, lk_character_get_id (self->character),
                                self->server_url, self->check_cancellable, check_cb,
                                g_object_ref (self));
    }

  _lk_generate_panel_update (self);
}
