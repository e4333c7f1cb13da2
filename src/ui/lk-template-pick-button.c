/* lk-template-pick-button.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-template-pick-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-profiles.h"
#include "lk-pick-button.h"
#include "lk-template-pick-button.h"

struct _LkTemplatePickButton
{
  AdwBin        parent_instance;

  /* Owned */
  LkCatalog    *catalog;
  GCancellable *cancellable;
  gint64        profile_id;

  /* Borrowed */
  LkPickButton *pick;
};

G_DEFINE_FINAL_TYPE (LkTemplatePickButton, lk_template_pick_button, ADW_TYPE_BIN)

enum {
  TEMPLATE_SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
template_set_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkTemplatePickButton) self = user_data;
  g_autoptr(LkTemplate) template = NULL;
  g_autoptr(GError) error = NULL;

  template = lk_catalog_set_profile_template_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (template == NULL)
    {
      lk_pick_button_show_error (self->pick, _("The Template Was Not Set"), error->message);
      return;
    }

  g_signal_emit (self, signals[TEMPLATE_SET], 0, template);
}

static void
template_picked_cb (LkTemplatePickButton *self,
                    GObject              *item)
{
  g_assert (LK_IS_TEMPLATE_PICK_BUTTON (self));
  g_assert (LK_IS_TEMPLATE (item));

  lk_catalog_set_profile_template_async (self->catalog, self->profile_id,
                                         lk_template_get_id (LK_TEMPLATE (item)),
                                         self->cancellable, template_set_cb,
                                         g_object_ref (self));
}

static const char *
describe_kind (LkTemplate *template)
{
  if (g_strcmp0 (lk_template_get_kind (template), "video") == 0)
    return _("Makes videos");
  return _("Makes images");
}

static void
templates_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkTemplatePickButton) self = user_data;
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(GError) error = NULL;

  templates = lk_catalog_list_templates_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (templates == NULL || g_list_model_get_n_items (templates) == 0)
    {
      lk_pick_button_show_message (self->pick,
                                   error ? error->message
                                         : _("The catalog has no workflow template yet. Import "
                                             "one with “lorakeet-cli template import FILE "
                                             "--name NAME”."));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(LkTemplate) template = g_list_model_get_item (templates, i);
      const char *problem = lk_template_get_problem (template);
      GtkWidget *choice;

      choice = lk_pick_button_add_choice (self->pick, lk_template_get_name (template),
                                          problem ? problem : describe_kind (template),
                                          G_OBJECT (template));
      gtk_widget_set_sensitive (choice, problem == NULL);
    }
}

static void
opened_cb (LkTemplatePickButton *self,
           GCancellable         *cancellable)
{
  g_assert (LK_IS_TEMPLATE_PICK_BUTTON (self));

  lk_catalog_list_templates_async (self->catalog, cancellable, templates_listed_cb,
                                   g_object_ref (self));
}

GtkWidget *
lk_template_pick_button_new (LkCatalog *catalog,
                             gint64     profile_id)
{
  LkTemplatePickButton *self;
  GtkWidget *pick;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (profile_id > 0, NULL);

  self = g_object_new (LK_TYPE_TEMPLATE_PICK_BUTTON, NULL);
  self->catalog = g_object_ref (catalog);
  self->profile_id = profile_id;

  pick = lk_pick_button_new (_("Pick Template"), _("Workflow templates"));
  self->pick = LK_PICK_BUTTON (pick);
  g_signal_connect_object (pick, "opened", G_CALLBACK (opened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pick, "picked", G_CALLBACK (template_picked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), pick);

  return GTK_WIDGET (self);
}

static void
lk_template_pick_button_dispose (GObject *object)
{
  LkTemplatePickButton *self = LK_TEMPLATE_PICK_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  self->pick = NULL;

  G_OBJECT_CLASS (lk_template_pick_button_parent_class)->dispose (object);
}

static void
lk_template_pick_button_class_init (LkTemplatePickButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_template_pick_button_dispose;

  /**
   * LkTemplatePickButton::template-set:
   * @self: the button
   * @template: the profile's template now
   *
   * The catalog gave the profile the chosen template.
   */
  signals[TEMPLATE_SET] =
    g_signal_new ("template-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, LK_TYPE_TEMPLATE);
}

static void
lk_template_pick_button_init (LkTemplatePickButton *self)
{
  self->cancellable = g_cancellable_new ();
}
