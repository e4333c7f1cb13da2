/* lk-server-row.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-comfy-client.h"
#include "lk-comfy-reply.h"
#include "lk-server-row.h"
#include "lk-status-icon.h"

struct _LkServerRow
{
  AdwActionRow   parent_instance;

  /* Owned */
  char          *url;
  LkComfyClient *client;
  GCancellable  *cancellable;

  /* Template widgets */
  GtkImage      *status_icon;
  GtkSpinner    *spinner;
  GtkButton     *test_button;
  GtkButton     *remove_button;
};

G_DEFINE_FINAL_TYPE (LkServerRow, lk_server_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
lk_server_row_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (LK_TYPE_SERVER_ROW, "url", url, NULL);
}

const char *
lk_server_row_get_url (LkServerRow *self)
{
  g_return_val_if_fail (LK_IS_SERVER_ROW (self), NULL);

  return self->url;
}

static void
set_testing (LkServerRow *self,
             gboolean     testing)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), testing);
  gtk_spinner_set_spinning (self->spinner, testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.test", !testing);
}

static void
show_result (LkServerRow  *self,
             const char   *text,
             LkStatus      status)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
  lk_status_icon_show (self->status_icon, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static char *
describe_stats (const LkComfySystemStats *stats)
{
  const char *gpu = stats->gpu_name ? stats->gpu_name : _("Unknown GPU");
  g_autofree char *total = NULL;
  g_autofree char *free_ = NULL;

  if (stats->vram_total < 0)
    return g_strdup (gpu);

  total = g_format_size ((guint64)stats->vram_total);
  if (stats->vram_free < 0)
    /* Translators: a GPU and its memory, such as "cuda:0 NVIDIA RTX 4090 · 24.0 GB VRAM". */
    return g_strdup_printf (_("%s · %s VRAM"), gpu, total);

  free_ = g_format_size ((guint64)stats->vram_free);
  /* Translators: a GPU and its memory, such as "cuda:0 RTX 4090 · 24.0 GB VRAM, 20.1 GB free". */
  return g_strdup_printf (_("%s · %s VRAM, %s free"), gpu, total, free_);
}

static void
stats_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkServerRow) self = user_data;
  g_autoptr(GError) error = NULL;
  LkComfySystemStats *stats;
  g_autofree char *text = NULL;

  stats = lk_comfy_client_refresh_system_stats_finish (LK_COMFY_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_testing (self, FALSE);
  if (stats == NULL)
    {
      show_result (self, error->message, LK_STATUS_FAILED);
      return;
    }

  text = describe_stats (stats);
  show_result (self, text, LK_STATUS_OK);
  lk_comfy_system_stats_free (stats);
}

void
lk_server_row_test (LkServerRow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_SERVER_ROW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  if (!(self->client = lk_comfy_client_new (self->url, &error)))
    {
      show_result (self, error->message, LK_STATUS_FAILED);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_testing (self, TRUE);
  show_result (self, _("Connecting…"), LK_STATUS_NONE);
  lk_comfy_client_refresh_system_stats_async (self->client, self->cancellable, stats_cb,
                                              g_object_ref (self));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lk_server_row_test (LK_SERVER_ROW (widget));
}

static void
lk_server_row_constructed (GObject *object)
{
  LkServerRow *self = LK_SERVER_ROW (object);
  g_autofree char *test_label = NULL;
  g_autofree char *remove_label = NULL;

  G_OBJECT_CLASS (lk_server_row_parent_class)->constructed (object);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->url);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", self->url);

  /* Translators: the accessible name of a server's Test button; %s is its address. */
  test_label = g_strdup_printf (_("Test %s"), self->url);
  /* Translators: the accessible name of a server's Remove button; %s is its address. */
  remove_label = g_strdup_printf (_("Remove %s"), self->url);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, test_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_label);
}

static void
lk_server_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkServerRow *self = LK_SERVER_ROW (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_server_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LkServerRow *self = LK_SERVER_ROW (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_server_row_dispose (GObject *object)
{
  LkServerRow *self = LK_SERVER_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SERVER_ROW);

  G_OBJECT_CLASS (lk_server_row_parent_class)->dispose (object);
}

static void
lk_server_row_finalize (GObject *object)
{
  LkServerRow *self = LK_SERVER_ROW (object);

  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (lk_server_row_parent_class)->finalize (object);
}

static void
lk_server_row_class_init (LkServerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_server_row_constructed;
  object_class->dispose = lk_server_row_dispose;
  object_class->finalize = lk_server_row_finalize;
  object_class->get_property = lk_server_row_get_property;
  object_class->set_property = lk_server_row_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-server-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LkServerRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LkServerRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkServerRow, test_button);
  gtk_widget_class_bind_template_child (widget_class, LkServerRow, remove_button);

  gtk_widget_class_install_action (widget_class, "server.test", NULL, test_action);
}

static void
lk_server_row_init (LkServerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
