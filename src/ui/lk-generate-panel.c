/* lk-generate-panel.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Generate panel: the request for the selected character, and the one reason (if any)
 * why it cannot be sent now (found in lk-generate-panel-check.c), so that the button is never
 * enabled for a request the generator would refuse. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-generate-panel-private.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkGeneratePanel, lk_generate_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GENERATOR,
  PROP_SESSION,
  PROP_CHARACTER,
  PROP_SERVER_URL,
  PROP_BLOCKER,
  PROP_CAN_GENERATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_lk_generate_panel_update (LkGeneratePanel *self)
{
  g_autofree char *blocker = NULL;
  gboolean could, can;

  g_assert (LK_IS_GENERATE_PANEL (self));

  could = lk_generate_panel_get_can_generate (self);
  blocker = _lk_generate_panel_find_blocker (self);
  if (lk_set_str (&self->blocker, blocker))
    {
      gtk_label_set_label (self->status_label, blocker != NULL ? blocker : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKER]);
    }

  can = lk_generate_panel_get_can_generate (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generate.start", can);
  if (can != could)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GENERATE]);
}

static void
servers_changed_cb (LkGeneratePanel *self)
{
  LkServerPool *pool = _lk_generate_panel_get_pool (self);
  guint n = pool != NULL ? g_list_model_get_n_items (G_LIST_MODEL (pool)) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_assert (LK_IS_GENERATE_PANEL (self));

  g_ptr_array_add (names, (gpointer) _("Automatic"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkComfyClient) client = g_list_model_get_item (G_LIST_MODEL (pool), i);

      g_ptr_array_add (names, (gpointer) g_intern_string (lk_comfy_client_get_url (client)));
      if (g_strcmp0 (self->server_url, lk_comfy_client_get_url (client)) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->server_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->server_list)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->server_dropdown, selected);
  _lk_generate_panel_update (self);
}

/* A server coming online may clear the "not on the server" checks: check again. */
static void
n_online_changed_cb (LkGeneratePanel *self)
{
  _lk_generate_panel_recheck (self);
}

static void
recheck_idle_cb (gpointer user_data)
{
  LkGeneratePanel *self = user_data;

  self->recheck_source = 0;
  _lk_generate_panel_recheck (self);
}

/* Someone assigned a LoRA, picked a template or changed a profile: what blocks generating
 * may have changed. Checked again once per burst of change notices. */
static void
catalog_changed_cb (LkGeneratePanel *self,
                    const char      *table,
                    gint64           id)
{
  /* Jobs, outputs and reviews change all the time while generating and block nothing. */
  static const char * const unrelated[] = {
    "generation_jobs", "generation_outputs", "output_reviews", "output_consistency",
    "character_signatures", "character_reference_images", "training_runs", NULL,
  };

  if (table != NULL && g_strv_contains (unrelated, table))
    return;
  if (self->recheck_source == 0)
    self->recheck_source = g_idle_add_once (recheck_idle_cb, self);
}

static void
server_selected_cb (LkGeneratePanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->server_dropdown);
  const char *url = NULL;

  g_assert (LK_IS_GENERATE_PANEL (self));

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    url = gtk_string_list_get_string (self->server_list, selected);
  if (!lk_set_str (&self->server_url, url))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  _lk_generate_panel_recheck (self);
}

void
lk_generate_panel_set_generator (LkGeneratePanel *self,
                                 LkGenerator     *generator)
{
  LkServerPool *pool;

  g_return_if_fail (LK_IS_GENERATE_PANEL (self));
  g_return_if_fail (!generator || LK_IS_GENERATOR (generator));

  if (self->generator == generator)
    return;

  if ((pool = _lk_generate_panel_get_pool (self)) != NULL)
    g_signal_handlers_disconnect_by_data (pool, self);
  if (self->generator != NULL)
    g_signal_handlers_disconnect_by_data (lk_generator_get_catalog (self->generator), self);
  g_set_object (&self->generator, generator);
  if (generator != NULL)
    g_signal_connect_object (lk_generator_get_catalog (generator), "changed",
                             G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  if ((pool = _lk_generate_panel_get_pool (self)) != NULL)
    {
      g_signal_connect_object (pool, "items-changed", G_CALLBACK (servers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::n-online", G_CALLBACK (n_online_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  servers_changed_cb (self);
  _lk_generate_panel_recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
}

LkGenerator *
lk_generate_panel_get_generator (LkGeneratePanel *self)
{
  g_return_val_if_fail (LK_IS_GENERATE_PANEL (self), NULL);

  return self->generator;
}

void
lk_generate_panel_set_session (LkGeneratePanel  *self,
                               LkCatalogSession *session)
{
  g_return_if_fail (LK_IS_GENERATE_PANEL (self));
  g_return_if_fail (!session || LK_IS_CATALOG_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::state", G_CALLBACK (_lk_generate_panel_update),
                             self, G_CONNECT_SWAPPED);

  _lk_generate_panel_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
lk_generate_panel_set_character (LkGeneratePanel *self,
                                 LkCharacter     *character)
{
  g_return_if_fail (LK_IS_GENERATE_PANEL (self));
  g_return_if_fail (!character || LK_IS_CHARACTER (character));

  if (!g_set_object (&self->character, character))
    return;

  if (character != NULL)
    gtk_spin_button_set_value (self->strength_spin, lk_character_get_strength_model (character));

  _lk_generate_panel_recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

LkCharacter *
lk_generate_panel_get_character (LkGeneratePanel *self)
{
  g_return_val_if_fail (LK_IS_GENERATE_PANEL (self), NULL);

  return self->character;
}

const char *
lk_generate_panel_get_server_url (LkGeneratePanel *self)
{
  g_return_val_if_fail (LK_IS_GENERATE_PANEL (self), NULL);

  return self->server_url;
}

void
lk_generate_panel_set_server_url (LkGeneratePanel *self,
                                  const char      *server_url)
{
  guint n, selected = 0;

  g_return_if_fail (LK_IS_GENERATE_PANEL (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->server_list));
  for (guint i = 1; server_url != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->server_list, i), server_url) == 0)
      selected = i;

  /* server_selected_cb() stores the choice, notifies and checks again. */
  gtk_drop_down_set_selected (self->server_dropdown, selected);
}

const char *
lk_generate_panel_get_blocker (LkGeneratePanel *self)
{
  g_return_val_if_fail (LK_IS_GENERATE_PANEL (self), NULL);

  return self->blocker;
}

gboolean
lk_generate_panel_get_can_generate (LkGeneratePanel *self)
{
  g_return_val_if_fail (LK_IS_GENERATE_PANEL (self), FALSE);

  return self->blocker == NULL && !self->sending && self->generator != NULL
         && self->character != NULL;
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_status (LkGeneratePanel *self,
             const char      *text,
             gboolean         is_error)
{
  gtk_label_set_label (self->status_label, text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
}

static void
generate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkGeneratePanel) self = user_data;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  jobs = lk_generator_generate_finish (LK_GENERATOR (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->sending = FALSE;
  _lk_generate_panel_update (self);

  if (jobs == NULL)
    {
      text = g_strdup_printf (_("Nothing was sent: %s"), error->message);
      show_status (self, text, TRUE);
      return;
    }

  text = g_strdup_printf (ngettext ("%u job sent: follow it in the queue.",
                                    "%u jobs sent: follow them in the queue.", jobs->len),
                          jobs->len);
  show_status (self, text, FALSE);
}

void
lk_generate_panel_generate (LkGeneratePanel *self)
{
  g_autofree char *prompt = NULL;
  g_autofree char *negative = NULL;
  LkGenerateRequest request;

  g_return_if_fail (LK_IS_GENERATE_PANEL (self));

  if (!lk_generate_panel_get_can_generate (self))
    return;

  prompt = dup_text (self->prompt_view);
  negative = dup_text (self->negative_view);

  lk_generate_request_init (&request);
  request.prompt = prompt;
  request.negative_prompt = negative;
  request.count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  request.strength = gtk_spin_button_get_value (self->strength_spin);
  request.server_url = self->server_url;
  if (gtk_switch_get_active (self->seed_switch))
    {
      request.seed_mode = LK_SEED_MODE_FIXED;
      request.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
    }

  if (self->generate_cancellable == NULL)
    self->generate_cancellable = g_cancellable_new ();
  self->sending = TRUE;
  show_status (self, _("Sending…"), FALSE);
  _lk_generate_panel_update (self);

  lk_generator_generate_async (self->generator, lk_character_get_id (self->character), &request,
                               self->generate_cancellable, generate_cb, g_object_ref (self));
}

void
lk_generate_panel_apply_settings (LkGeneratePanel *self,
                                  const char      *positive,
                                  const char      *negative,
                                  gboolean         has_seed,
                                  guint64          seed,
                                  double           strength)
{
  g_return_if_fail (LK_IS_GENERATE_PANEL (self));

  if (positive != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), positive, -1);
  if (negative != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->negative_view), negative, -1);
  if (has_seed)
    {
      gtk_switch_set_active (self->seed_switch, TRUE);
      gtk_spin_button_set_value (self->seed_spin, (double) seed);
    }
  if (strength >= 0)
    gtk_spin_button_set_value (self->strength_spin, strength);
}

static void
generate_start_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lk_generate_panel_generate (LK_GENERATE_PANEL (widget));
}

static void
lk_generate_panel_dispose (GObject *object)
{
  LkGeneratePanel *self = LK_GENERATE_PANEL (object);
  LkServerPool *pool = _lk_generate_panel_get_pool (self);
  GtkWidget *child;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_cancellable_cancel (self->generate_cancellable);
  g_clear_object (&self->generate_cancellable);
  g_clear_handle_id (&self->recheck_source, g_source_remove);
  if (pool != NULL)
    g_signal_handlers_disconnect_by_data (pool, self);
  if (self->generator != NULL)
    g_signal_handlers_disconnect_by_data (lk_generator_get_catalog (self->generator), self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->generator);
  g_clear_object (&self->session);
  g_clear_object (&self->character);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_GENERATE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_generate_panel_parent_class)->dispose (object);
}

static void
lk_generate_panel_finalize (GObject *object)
{
  LkGeneratePanel *self = LK_GENERATE_PANEL (object);

  g_clear_pointer (&self->blocker, g_free);
  g_clear_pointer (&self->check_blocker, g_free);
  g_clear_pointer (&self->server_url, g_free);

  G_OBJECT_CLASS (lk_generate_panel_parent_class)->finalize (object);
}

static void
lk_generate_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkGeneratePanel *self = LK_GENERATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_BLOCKER:
      g_value_set_string (value, self->blocker);
      break;

    case PROP_CAN_GENERATE:
      g_value_set_boolean (value, lk_generate_panel_get_can_generate (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_generate_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LkGeneratePanel *self = LK_GENERATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      lk_generate_panel_set_generator (self, g_value_get_object (value));
      break;

    case PROP_SESSION:
      lk_generate_panel_set_session (self, g_value_get_object (value));
      break;

    case PROP_CHARACTER:
      lk_generate_panel_set_character (self, g_value_get_object (value));
      break;

    case PROP_SERVER_URL:
      lk_generate_panel_set_server_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_generate_panel_class_init (LkGeneratePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_generate_panel_dispose;
  object_class->finalize = lk_generate_panel_finalize;
  object_class->get_property = lk_generate_panel_get_property;
  object_class->set_property = lk_generate_panel_set_property;

  properties[PROP_GENERATOR] = g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                                                    rw);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL,
                                                  LK_TYPE_CATALOG_SESSION, rw);
  properties[PROP_CHARACTER] = g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                                                    rw);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, rw);
  properties[PROP_BLOCKER] = g_param_spec_string ("blocker", NULL, NULL, NULL, ro);
  properties[PROP_CAN_GENERATE] = g_param_spec_boolean ("can-generate", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-generate-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, negative_view);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, seed_switch);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, count_spin);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, strength_spin);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, server_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, server_list);
  gtk_widget_class_bind_template_child (widget_class, LkGeneratePanel, status_label);

  gtk_widget_class_install_action (widget_class, "generate.start", NULL, generate_start_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkgeneratepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_generate_panel_init (LkGeneratePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->server_dropdown, "notify::selected",
                           G_CALLBACK (server_selected_cb), self, G_CONNECT_SWAPPED);
  servers_changed_cb (self);
  _lk_generate_panel_update (self);
}
