/* lk-window-again.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Generate Again with These Settings": the frame's provenance gives the settings, the
 * catalog gives the character it was generated for, and the window shows both. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-window-again"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-outputs.h"
#include "lk-provenance.h"
#include "lk-window-private.h"

/* The frame's settings go into the Generate panel after its character is selected: selecting
 * a character resets the panel's LoRA strength to the character's own. */
static void
lk_window_apply_provenance (LkWindow     *self,
                            LkProvenance *provenance,
                            const char   *character_name)
{
  guint64 seed = 0;
  gboolean has_seed;
  double strength = -1;

  has_seed = lk_provenance_get_seed (provenance, &seed);
  if (lk_provenance_get_n_loras (provenance) > 0)
    strength = lk_provenance_get_lora (provenance, 0)->strength_model;
  lk_generate_panel_apply_settings (self->generate_panel, lk_provenance_get_positive (provenance),
                                    lk_provenance_get_negative (provenance), has_seed, seed,
                                    strength);
  /* Back to the grid, so that the panel holding the settings is on screen. */
  if (lk_gallery_view_get_viewing (self->gallery_view))
    gtk_widget_activate_action (GTK_WIDGET (self->gallery_view), "gallery.close", NULL);
  if (character_name != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new_format (_("The frame’s settings are in the "
                                                         "Generate panel, for %s"),
                                                       character_name));
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The frame’s settings are in the Generate "
                                                  "panel")));
}

typedef struct
{
  LkWindow     *window;
  LkProvenance *provenance;
} GenerateAgain;

static void
generate_again_free (GenerateAgain *again)
{
  g_object_unref (again->window);
  g_object_unref (again->provenance);
  g_free (again);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenerateAgain, generate_again_free)

/* The catalog knows whose frame it is: that character is selected, so the inspector and the
 * panel show the character the settings belong to. */
static void
frame_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GenerateAgain) again = user_data;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  LkWindow *self = again->window;
  const char *name = NULL;

  check = lk_catalog_check_frame_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check == NULL)
    g_debug ("Cannot find the frame’s character: %s", error->message);

  if (check != NULL && check->character_id > 0
      && lk_character_sidebar_select_character (self->sidebar, check->character_id))
    name = check->character_name;
  lk_window_apply_provenance (self, again->provenance, name);
}

static void
provenance_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filename = NULL;
  LkCatalog *catalog;
  GenerateAgain *again;

  provenance = lk_provenance_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (provenance == NULL || !lk_provenance_get_has_metadata (provenance))
    {
      const char *why = provenance != NULL ? lk_provenance_get_summary (provenance)
                                           : error->message;

      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("This frame’s settings cannot be "
                                                           "reused: %s"), why));
      return;
    }

  if ((catalog = lk_catalog_session_get_catalog (self->session)) == NULL)
    {
      lk_window_apply_provenance (self, provenance, NULL);
      return;
    }

  again = g_new0 (GenerateAgain, 1);
  again->window = g_object_ref (self);
  again->provenance = g_object_ref (provenance);
  if (lk_provenance_get_path (provenance) != NULL)
    filename = g_path_get_basename (lk_provenance_get_path (provenance));
  lk_catalog_check_frame_async (catalog, provenance, filename, self->cancellable,
                                frame_checked_cb, again);
}

void
_lk_window_generate_again (LkWindow   *self,
                           const char *path)
{
  g_autoptr(GFile) file = NULL;

  g_assert (LK_IS_WINDOW (self));
  g_assert (path != NULL);

  file = g_file_new_for_path (path);
  lk_provenance_load_async (file, self->cancellable, provenance_loaded_cb, g_object_ref (self));
}
