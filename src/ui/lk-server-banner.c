/* lk-server-banner.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ComfyUI servers' banner under the header bar: it tells the truth about the servers a job
 * would go to (libadwaita 1.2 has no AdwBanner, so it looks like the catalog's banner). Every
 * server's state comes from its client, which reconnects by itself; the banner only watches
 * and offers a Retry that does not wait for the client's next attempt. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-server-banner.h"
#include "lk-util.h"

struct _LkServerBanner
{
  GtkWidget     parent_instance;

  /* Owned */
  LkServerPool *pool;
  GPtrArray    *clients;
  char         *server_url;
  char         *message;

  /* Template widgets */
  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkWidget    *retry_button;
  GtkWidget    *automatic_button;
};

G_DEFINE_FINAL_TYPE (LkServerBanner, lk_server_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  PROP_SERVER_URL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_down (LkComfyClient *client)
{
  LkComfyServerState state = lk_comfy_client_get_state (client);

  /* A server still making its first connection is not reported yet. */
  return state == LK_COMFY_SERVER_OFFLINE || state == LK_COMFY_SERVER_RESTARTING
         || state == LK_COMFY_SERVER_DISCONNECTED;
}

/* The client's own error already names the server and the cause. */
static char *
describe_down (LkComfyClient *client)
{
  const GError *error = lk_comfy_client_get_last_error (client);

  if (lk_comfy_client_get_state (client) == LK_COMFY_SERVER_RESTARTING)
    return g_strdup_printf (_("ComfyUI at %s stopped answering; reconnecting…"),
                            lk_comfy_client_get_url (client));
  if (error != NULL)
    return g_strdup_printf (_("ComfyUI is offline. %s"), error->message);
  return g_strdup_printf (_("ComfyUI at %s is offline."), lk_comfy_client_get_url (client));
}

/* The chosen server is down while others are up: name it, and say where jobs could go
 * instead (jobs never go elsewhere by themselves). */
static char *
describe_chosen_down (LkComfyClient *chosen,
                      guint          n_online)
{
  if (lk_comfy_client_get_state (chosen) == LK_COMFY_SERVER_RESTARTING)
    return g_strdup_printf (ngettext ("ComfyUI at %s, the server chosen for generating, stopped "
                                      "answering; reconnecting… %u other server is online: "
                                      "use Automatic to generate there.",
                                      "ComfyUI at %s, the server chosen for generating, stopped "
                                      "answering; reconnecting… %u other servers are online: "
                                      "use Automatic to generate there.", n_online),
                            lk_comfy_client_get_url (chosen), n_online);
  return g_strdup_printf (ngettext ("ComfyUI at %s, the server chosen for generating, is "
                                    "offline. %u other server is online: use Automatic to "
                                    "generate there.",
                                    "ComfyUI at %s, the server chosen for generating, is "
                                    "offline. %u other servers are online: use Automatic to "
                                    "generate there.", n_online),
                          lk_comfy_client_get_url (chosen), n_online);
}

static char *
compose_message (LkServerBanner *self,
                 gboolean       *can_retry,
                 gboolean       *can_use_automatic)
{
  guint n_clients = self->clients->len;
  guint n_down = 0;
  LkComfyClient *first_down = NULL;

  *can_retry = FALSE;
  *can_use_automatic = FALSE;

  if (self->pool == NULL)
    return NULL;

  if (n_clients == 0)
    return g_strdup (_("No ComfyUI server is set up: add one in Preferences to generate."));

  if (self->server_url != NULL)
    {
      LkComfyClient *chosen = lk_server_pool_find (self->pool, self->server_url);

      if (chosen != NULL && is_down (chosen))
        {
          guint n_online = lk_server_pool_get_n_online (self->pool);

          *can_retry = TRUE;
          *can_use_automatic = n_online > 0;
          return n_online > 0 ? describe_chosen_down (chosen, n_online) : describe_down (chosen);
        }
      return NULL;
    }

  if (lk_server_pool_get_n_online (self->pool) > 0)
    return NULL;

  for (guint i = 0; i < n_clients; i++)
    {
      LkComfyClient *client = g_ptr_array_index (self->clients, i);

      if (is_down (client))
        {
          n_down++;
          if (first_down == NULL)
            first_down = client;
        }
    }

  if (n_down == 0)
    return NULL;

  *can_retry = TRUE;
  if (n_clients == 1)
    return describe_down (first_down);
  return g_strdup_printf (ngettext ("No ComfyUI server is online (%u server tried).",
                                    "No ComfyUI server is online (%u servers tried).", n_down),
                          n_down);
}

static void
lk_server_banner_update (LkServerBanner *self)
{
  g_autofree char *message = NULL;
  gboolean can_retry = FALSE;
  gboolean can_use_automatic = FALSE;

  g_assert (LK_IS_SERVER_BANNER (self));

  message = compose_message (self, &can_retry, &can_use_automatic);
  if (message != NULL)
    gtk_label_set_label (self->label, message);
  gtk_widget_set_visible (self->retry_button, can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.retry", can_retry);
  gtk_widget_set_visible (self->automatic_button, can_use_automatic);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.use-automatic", can_use_automatic);
  gtk_revealer_set_reveal_child (self->revealer, message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, message == NULL,
                               -1);

  if (lk_set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
lk_server_banner_unwatch_clients (LkServerBanner *self)
{
  for (guint i = 0; i < self->clients->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->clients, i), self);
  g_ptr_array_set_size (self->clients, 0);
}

/* Servers come and go with the preference: watch whichever the pool lists now. */
static void
pool_items_changed_cb (LkServerBanner *self)
{
  guint n;

  g_assert (LK_IS_SERVER_BANNER (self));

  lk_server_banner_unwatch_clients (self);
  n = self->pool != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->pool)) : 0;
  for (guint i = 0; i < n; i++)
    {
      LkComfyClient *client = g_list_model_get_item (G_LIST_MODEL (self->pool), i);

      g_signal_connect_object (client, "notify::state", G_CALLBACK (lk_server_banner_update),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::last-error",
                               G_CALLBACK (lk_server_banner_update), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->clients, client);
    }

  lk_server_banner_update (self);
}

LkServerPool *
lk_server_banner_get_pool (LkServerBanner *self)
{
  g_return_val_if_fail (LK_IS_SERVER_BANNER (self), NULL);

  return self->pool;
}

void
lk_server_banner_set_pool (LkServerBanner *self,
                           LkServerPool   *pool)
{
  g_return_if_fail (LK_IS_SERVER_BANNER (self));
  g_return_if_fail (!pool || LK_IS_SERVER_POOL (pool));

  if (self->pool == pool)
    return;

  if (self->pool != NULL)
    g_signal_handlers_disconnect_by_data (self->pool, self);
  g_set_object (&self->pool, pool);
  if (pool != NULL)
    {
      g_signal_connect_object (pool, "items-changed", G_CALLBACK (pool_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::n-online", G_CALLBACK (lk_server_banner_update),
                               self, G_CONNECT_SWAPPED);
    }
  pool_items_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}

const char *
lk_server_banner_get_server_url (LkServerBanner *self)
{
  g_return_val_if_fail (LK_IS_SERVER_BANNER (self), NULL);

  return self->server_url;
}

void
lk_server_banner_set_server_url (LkServerBanner *self,
                                 const char     *server_url)
{
  g_return_if_fail (LK_IS_SERVER_BANNER (self));

  if (!lk_set_str (&self->server_url, server_url))
    return;

  lk_server_banner_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

const char *
lk_server_banner_get_message (LkServerBanner *self)
{
  g_return_val_if_fail (LK_IS_SERVER_BANNER (self), NULL);

  return self->message;
}

static void
server_retry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LkServerBanner *self = LK_SERVER_BANNER (widget);

  for (guint i = 0; i < self->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (self->clients, i);

      if (is_down (client))
        lk_comfy_client_retry (client);
    }
}

/* Bound both ways to the Generate panel's choice, this switches the panel to Automatic. */
static void
server_use_automatic_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  lk_server_banner_set_server_url (LK_SERVER_BANNER (widget), NULL);
}

static void
lk_server_banner_dispose (GObject *object)
{
  LkServerBanner *self = LK_SERVER_BANNER (object);
  GtkWidget *child;

  if (self->clients != NULL)
    lk_server_banner_unwatch_clients (self);
  if (self->pool != NULL)
    g_signal_handlers_disconnect_by_data (self->pool, self);
  g_clear_object (&self->pool);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SERVER_BANNER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_server_banner_parent_class)->dispose (object);
}

static void
lk_server_banner_finalize (GObject *object)
{
  LkServerBanner *self = LK_SERVER_BANNER (object);

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (lk_server_banner_parent_class)->finalize (object);
}

static void
lk_server_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkServerBanner *self = LK_SERVER_BANNER (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_server_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkServerBanner *self = LK_SERVER_BANNER (object);

  switch (prop_id)
    {
    case PROP_POOL:
      lk_server_banner_set_pool (self, g_value_get_object (value));
      break;

    case PROP_SERVER_URL:
      lk_server_banner_set_server_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_server_banner_class_init (LkServerBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_server_banner_dispose;
  object_class->finalize = lk_server_banner_finalize;
  object_class->get_property = lk_server_banner_get_property;
  object_class->set_property = lk_server_banner_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, LK_TYPE_SERVER_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-server-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, LkServerBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, LkServerBanner, label);
  gtk_widget_class_bind_template_child (widget_class, LkServerBanner, retry_button);
  gtk_widget_class_bind_template_child (widget_class, LkServerBanner, automatic_button);

  gtk_widget_class_install_action (widget_class, "server.retry", NULL, server_retry_action);
  gtk_widget_class_install_action (widget_class, "server.use-automatic", NULL,
                                   server_use_automatic_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* The same look as the catalog's banner, from the same stylesheet rules. */
  gtk_widget_class_set_css_name (widget_class, "lkcatalogbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
lk_server_banner_init (LkServerBanner *self)
{
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  lk_server_banner_update (self);
}
