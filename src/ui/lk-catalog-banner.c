/* lk-catalog-banner.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-banner.h"
#include "lk-util.h"

/* A catalog that opens within this time never shows the "connecting" banner. */
#define CONNECTING_GRACE_MS 400

struct _LkCatalogBanner
{
  GtkWidget         parent_instance;

  /* Owned */
  LkCatalogSession *session;
  GSignalGroup     *session_signals;
  char             *message;
  guint             tick_source;
  guint             grace_source;

  /* Template widgets */
  GtkRevealer      *revealer;
  GtkWidget        *box;
  GtkLabel         *label;
  GtkWidget        *retry_button;
};

G_DEFINE_FINAL_TYPE (LkCatalogBanner, lk_catalog_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lk_catalog_banner_update (LkCatalogBanner *self);

static gboolean
tick_cb (gpointer user_data)
{
  lk_catalog_banner_update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
grace_over_cb (gpointer user_data)
{
  LkCatalogBanner *self = user_data;

  self->grace_source = 0;
  lk_catalog_banner_update (self);
}

static char *
compose_message (LkCatalogBanner *self,
                 gboolean        *can_retry,
                 const char     **style)
{
  LkCatalogSession *session = self->session;
  const GError *error = lk_catalog_session_get_error (session);
  gint64 next_retry = lk_catalog_session_get_next_retry (session);
  g_autofree char *when = NULL;

  *can_retry = FALSE;
  *style = "info";

  switch (lk_catalog_session_get_state (session))
    {
    case LK_CATALOG_SESSION_STATE_CONNECTING:
      if (self->grace_source != 0)
        return NULL;
      if (lk_catalog_session_get_embedded (session))
        return g_strdup (_("Starting Lorakeet’s own database…"));
      return g_strdup_printf (_("Connecting to the studio catalog at %s…"),
                              lk_catalog_session_get_description (session));

    case LK_CATALOG_SESSION_STATE_READ_ONLY:
      {
        const char *notice = lk_catalog_session_get_notice (session);

        *style = "warning";
        return g_strdup (notice ? notice : _("This catalog was created by a newer Lorakeet; it is "
                                             "shown read-only."));
      }

    case LK_CATALOG_SESSION_STATE_OFFLINE:
      *style = "warning";
      *can_retry = !lk_catalog_session_get_busy (session);
      if (error != NULL)
        return g_strdup (error->message);
      return g_strdup_printf (_("Lost the connection to the studio catalog at %s. "
                                "Reconnecting…"),
                              lk_catalog_session_get_description (session));

    case LK_CATALOG_SESSION_STATE_FAILED:
      *style = "error";
      *can_retry = !lk_catalog_session_get_busy (session);
      if (lk_catalog_session_get_busy (session))
        when = g_strdup (_("Retrying now…"));
      else if (next_retry > 0)
        {
          gint64 seconds = MAX (1, (next_retry - g_get_monotonic_time () + G_USEC_PER_SEC - 1)
                                   / G_USEC_PER_SEC);

          when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Retrying in %d s.",
                                               "Retrying in %d s.", seconds),
                                  (int)seconds);
        }
      return g_strdup_printf ("%s%s%s", error ? error->message : _("The studio catalog cannot be "
                                                                   "opened."),
                              when ? " " : "", when ? when : "");

    case LK_CATALOG_SESSION_STATE_CONNECTED:
    default:
      return NULL;
    }
}

static void
lk_catalog_banner_update (LkCatalogBanner *self)
{
  static const char * const styles[] = { "info", "warning", "error" };
  g_autofree char *message = NULL;
  gboolean can_retry = FALSE;
  gboolean counting;
  const char *style = "info";

  g_assert (LK_IS_CATALOG_BANNER (self));

  if (self->session != NULL)
    message = compose_message (self, &can_retry, &style);

  if (message != NULL)
    {
      gtk_label_set_label (self->label, message);
      gtk_widget_set_visible (self->retry_button, can_retry);
      for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
        {
          if (g_str_equal (styles[i], style))
            gtk_widget_add_css_class (self->box, styles[i]);
          else
            gtk_widget_remove_css_class (self->box, styles[i]);
        }
    }
  gtk_revealer_set_reveal_child (self->revealer, message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, message == NULL,
                               -1);

  if (lk_set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);

  /* Count down to the next automatic attempt. */
  counting = message != NULL && lk_catalog_session_get_next_retry (self->session) > 0;
  if (counting && self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (1, tick_cb, self);
  else if (!counting)
    g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void
state_changed_cb (LkCatalogBanner  *self,
                  GParamSpec       *pspec,
                  LkCatalogSession *session)
{
  g_assert (LK_IS_CATALOG_BANNER (self));

  g_clear_handle_id (&self->grace_source, g_source_remove);
  if (lk_catalog_session_get_state (session) == LK_CATALOG_SESSION_STATE_CONNECTING)
    self->grace_source = g_timeout_add_once (CONNECTING_GRACE_MS, grace_over_cb, self);

  lk_catalog_banner_update (self);
}

LkCatalogSession *
lk_catalog_banner_get_session (LkCatalogBanner *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_BANNER (self), NULL);

  return self->session;
}

void
lk_catalog_banner_set_session (LkCatalogBanner  *self,
                               LkCatalogSession *session)
{
  g_return_if_fail (LK_IS_CATALOG_BANNER (self));
  g_return_if_fail (!session || LK_IS_CATALOG_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  if (session != NULL)
    state_changed_cb (self, NULL, session);
  else
    lk_catalog_banner_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
lk_catalog_banner_get_message (LkCatalogBanner *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_BANNER (self), NULL);

  return self->message;
}

static void
lk_catalog_banner_dispose (GObject *object)
{
  LkCatalogBanner *self = LK_CATALOG_BANNER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->grace_source, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CATALOG_BANNER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_catalog_banner_parent_class)->dispose (object);
}

static void
lk_catalog_banner_finalize (GObject *object)
{
  LkCatalogBanner *self = LK_CATALOG_BANNER (object);

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (lk_catalog_banner_parent_class)->finalize (object);
}

static void
lk_catalog_banner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkCatalogBanner *self = LK_CATALOG_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_banner_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LkCatalogBanner *self = LK_CATALOG_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lk_catalog_banner_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_banner_class_init (LkCatalogBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_catalog_banner_dispose;
  object_class->finalize = lk_catalog_banner_finalize;
  object_class->get_property = lk_catalog_banner_get_property;
  object_class->set_property = lk_catalog_banner_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_CATALOG_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-catalog-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCatalogBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, LkCatalogBanner, box);
  gtk_widget_class_bind_template_child (widget_class, LkCatalogBanner, label);
  gtk_widget_class_bind_template_child (widget_class, LkCatalogBanner, retry_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkcatalogbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
lk_catalog_banner_init (LkCatalogBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (LK_TYPE_CATALOG_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::error",
                                 G_CALLBACK (lk_catalog_banner_update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::notice",
                                 G_CALLBACK (lk_catalog_banner_update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::next-retry",
                                 G_CALLBACK (lk_catalog_banner_update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::busy",
                                 G_CALLBACK (lk_catalog_banner_update), self, G_CONNECT_SWAPPED);
}
