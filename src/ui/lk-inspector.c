/* lk-inspector.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-inspector.h"
#include "lk-lora-card.h"
#include "lk-preflight-group.h"
#include "lk-reference-strip.h"
#include "lk-stack-page.h"
#include "lk-training-window.h"
#include "lk-validation-window.h"

/* Bursts of changes (a bulk update, a refresh) are resolved once. */
#define RELOAD_DELAY_MS 150

struct _LkInspector
{
  GtkWidget            parent_instance;

  /* Owned */
  LkCatalog           *catalog;
  LkGenerator         *generator;
  LkCharacter         *character;
  LkResolution        *resolution;
  GCancellable        *cancellable;
  GPtrArray           *warning_rows;
  guint                reload_source;

  /* Template widgets */
  GtkStack            *stack;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *project_label;
  GtkSpinner          *spinner;
  GtkLabel            *description_label;
  GtkBox              *content_box;
  AdwPreferencesGroup *warnings_group;
  AdwActionRow        *profile_row;
  AdwActionRow        *checkpoint_row;
  AdwActionRow        *template_row;
  AdwActionRow        *strength_row;
  LkLoraCard          *lora_card;

  /* Built when a character is first shown, then owned by content_box */
  LkPreflightGroup    *preflight_group;
  LkReferenceStrip    *reference_strip;
};

G_DEFINE_FINAL_TYPE (LkInspector, lk_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_CHARACTER,
  PROP_RESOLUTION,
  PROP_GENERATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lk_inspector_reload (LkInspector *self);

/* Showing -------------------------------------------------------------------------------- */

static void
show_character (LkInspector *self)
{
  LkCharacter *character = self->character;
  const char *description = lk_character_get_description (character);
  const char *project = lk_character_get_project_name (character);

  adw_avatar_set_text (self->avatar, lk_character_get_name (character));
  gtk_label_set_label (self->name_label, lk_character_get_name (character));
  gtk_label_set_label (self->project_label, project ? project : _("No project"));
  gtk_label_set_label (self->description_label,
                       description && *description ? description : _("No description yet."));
  if (description && *description)
    gtk_widget_remove_css_class (GTK_WIDGET (self->description_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->description_label), "dim-label");
}

static void
clear_warnings (LkInspector *self)
{
  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), FALSE);
}

static void
add_warning (LkInspector *self,
             const char  *icon_name,
             const char  *style,
             const char  *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_str_equal (style, "error") ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (self->warnings_group, row);
  g_ptr_array_add (self->warning_rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), TRUE);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *subtitle)
{
  adw_action_row_set_subtitle (row, subtitle ? subtitle : "");
}

/* The grid needs a generator and a LoRA of the character's own to validate. */
static void
update_validate_action (LkInspector *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.validate",
                                 self->generator != NULL && self->character != NULL
                                 && self->resolution != NULL
                                 && lk_resolution_get_lora (self->resolution) != NULL);
}

static void
show_resolution (LkInspector *self)
{
  LkResolution *resolution = self->resolution;
  LkProfile *profile = resolution ? lk_resolution_get_profile (resolution) : NULL;
  LkModel *checkpoint = resolution ? lk_resolution_get_checkpoint (resolution) : NULL;
  LkTemplate *template = resolution ? lk_resolution_get_template (resolution) : NULL;
  LkModel *lora = resolution ? lk_resolution_get_lora (resolution) : NULL;
  const char * const *warnings = resolution ? lk_resolution_get_warnings (resolution) : NULL;
  g_autofree char *template_text = NULL;
  g_autofree char *strength = NULL;
  const char *pending = resolution ? _("None") : "…";

  /* With a generator, its checks list these warnings too, each with its fix. */
  clear_warnings (self);
  for (guint i = 0; self->generator == NULL && warnings && warnings[i]; i++)
    add_warning (self, "dialog-warning-symbolic", "warning", warnings[i]);

  set_subtitle (self->profile_row, profile ? lk_profile_get_name (profile) : pending);
  set_subtitle (self->checkpoint_row, checkpoint ? lk_model_get_model_path (checkpoint) : pending);

  if (template != NULL)
    {
      const char *kind = lk_template_get_kind (template);

      /* Translators: a workflow template and what it makes, such as "anime_still · Image". */
      template_text = g_strdup_printf (_("%s · %s"), lk_template_get_name (template),
                                       g_strcmp0 (kind, "video") == 0 ? _("Video") : _("Image"));
    }
  set_subtitle (self->template_row, template ? template_text : pending);

  if (lora != NULL)
    /* Translators: the LoRA strengths on the model and on CLIP, such as "Model 0.80 · CLIP 0.80". */
    strength = g_strdup_printf (_("Model %.2f · CLIP %.2f"),
                                lk_resolution_get_strength_model (resolution),
                                lk_resolution_get_strength_clip (resolution));
  gtk_widget_set_visible (GTK_WIDGET (self->strength_row), lora != NULL);
  set_subtitle (self->strength_row, strength);

  lk_lora_card_set_resolution (self->lora_card, resolution);
  if (self->preflight_group != NULL)
    lk_preflight_group_set_resolution (self->preflight_group, resolution);
  update_validate_action (self);
}

static void
set_resolution (LkInspector  *self,
                LkResolution *resolution)
{
  if (g_set_object (&self->resolution, resolution))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
  show_resolution (self);
}

/* Resolving ------------------------------------------------------------------------------ */

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkInspector) self = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;

  resolution = lk_catalog_resolve_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (resolution == NULL)
    {
      /* Keep what was known (an offline catalog), and say why it may be stale. */
      show_resolution (self);
      add_warning (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  set_resolution (self, resolution);
  if (self->preflight_group != NULL)
    lk_preflight_group_reload (self->preflight_group);
}

static void
lk_inspector_reload (LkInspector *self)
{
  g_assert (LK_IS_INSPECTOR (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->character == NULL || self->catalog == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  lk_catalog_resolve_async (self->catalog, lk_character_get_id (self->character),
                            self->cancellable, resolved_cb, g_object_ref (self));
}

static void
reload_timeout_cb (gpointer user_data)
{
  LkInspector *self = user_data;

  self->reload_source = 0;
  lk_inspector_reload (self);
}

static void
queue_reload (LkInspector *self)
{
  if (self->reload_source == 0 && self->character != NULL)
    self->reload_source = g_timeout_add_once (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
character_changed_cb (LkInspector *self)
{
  show_character (self);
  queue_reload (self);
}

static void
catalog_changed_cb (LkInspector *self,
                    const char  *table,
                    gint64       id,
                    LkCatalog   *catalog)
{
  static const char * const tables[] = {
    "characters", "projects", "ai_models", "model_details", "generation_profiles",
    "project_profiles", "character_loras", "lora_lineages", "lora_trigger_sets",
    "video_workflow_templates", NULL
  };

  /* NULL: reconnected, anything may have changed. Jobs and reviews do not matter here. */
  if (table == NULL || g_strv_contains (tables, table))
    queue_reload (self);
}

/* The checks and the reference images are built when a character is first shown, not with
 * the window: until then the inspector only shows its empty state, and building them up front
 * delays the window's first frame. The LoRA card is not: mnemonics go to widgets in the order
 * they joined the window, and its "_Trigger Words" must stay ahead of the other Alt+T ones. */
static void
ensure_cards (LkInspector *self)
{
  if (self->preflight_group != NULL)
    return;

  self->preflight_group = LK_PREFLIGHT_GROUP (lk_preflight_group_new ());
  self->reference_strip = LK_REFERENCE_STRIP (lk_reference_strip_new ());
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->preflight_group),
                              GTK_WIDGET (self->warnings_group));
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->reference_strip),
                              GTK_WIDGET (self->lora_card));

  lk_preflight_group_set_generator (self->preflight_group, self->generator);
  lk_preflight_group_set_resolution (self->preflight_group, self->resolution);
  lk_reference_strip_set_catalog (self->reference_strip, self->catalog);
}

/* Public API ----------------------------------------------------------------------------- */

/* Training needs a writable catalog and a character to train. */
static void
update_train_action (LkInspector *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.train",
                                 self->catalog != NULL && self->character != NULL
                                 && !lk_catalog_get_read_only (self->catalog));
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkInspector *self = LK_INSPECTOR (widget);
  GtkWidget *window;
  GtkRoot *root;

  if (self->catalog == NULL || self->character == NULL)
    return;

  window = lk_training_window_new (self->catalog, self->character);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static void
validate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkInspector *self = LK_INSPECTOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window;

  if (self->generator == NULL || self->character == NULL)
    return;

  window = lk_validation_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->generator, self->character);
  gtk_window_present (GTK_WINDOW (window));
}

LkCatalog *
lk_inspector_get_catalog (LkInspector *self)
{
  g_return_val_if_fail (LK_IS_INSPECTOR (self), NULL);

  return self->catalog;
}

void
lk_inspector_set_catalog (LkInspector *self,
                          LkCatalog   *catalog)
{
  g_return_if_fail (LK_IS_INSPECTOR (self));
  g_return_if_fail (!catalog || LK_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                             G_CONNECT_SWAPPED);

  lk_lora_card_set_catalog (self->lora_card, catalog);
  if (self->reference_strip != NULL)
    lk_reference_strip_set_catalog (self->reference_strip, catalog);
  update_train_action (self);
  lk_inspector_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

LkGenerator *
lk_inspector_get_generator (LkInspector *self)
{
  g_return_val_if_fail (LK_IS_INSPECTOR (self), NULL);

  return self->generator;
}

void
lk_inspector_set_generator (LkInspector *self,
                            LkGenerator *generator)
{
  g_return_if_fail (LK_IS_INSPECTOR (self));
  g_return_if_fail (!generator || LK_IS_GENERATOR (generator));

  if (!g_set_object (&self->generator, generator))
    return;

  if (self->preflight_group != NULL)
    lk_preflight_group_set_generator (self->preflight_group, generator);
  show_resolution (self);
  lk_lora_card_set_pool (self->lora_card, generator ? lk_generator_get_pool (generator) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
}

LkCharacter *
lk_inspector_get_character (LkInspector *self)
{
  g_return_val_if_fail (LK_IS_INSPECTOR (self), NULL);

  return self->character;
}

void
lk_inspector_set_character (LkInspector *self,
                            LkCharacter *character)
{
  g_return_if_fail (LK_IS_INSPECTOR (self));
  g_return_if_fail (!character || LK_IS_CHARACTER (character));

  if (self->character == character)
    return;

  if (self->character != NULL)
    g_signal_handlers_disconnect_by_func (self->character, character_changed_cb, self);
  g_set_object (&self->character, character);

  if (character != NULL)
    ensure_cards (self);
  set_resolution (self, NULL);
  if (self->preflight_group != NULL)
    {
      lk_preflight_group_set_character (self->preflight_group, character);
      lk_reference_strip_set_character (self->reference_strip, character);
    }
  update_train_action (self);
  if (character != NULL)
    {
      g_signal_connect_object (character, "notify", G_CALLBACK (character_changed_cb), self,
                               G_CONNECT_SWAPPED);
      show_character (self);
      lk_stack_show_page (self->stack, "character");
    }
  else
    lk_stack_show_page (self->stack, "empty");

  lk_inspector_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

LkResolution *
lk_inspector_get_resolution (LkInspector *self)
{
  g_return_val_if_fail (LK_IS_INSPECTOR (self), NULL);

  return self->resolution;
}

/* Object --------------------------------------------------------------------------------- */

static void
lk_inspector_dispose (GObject *object)
{
  LkInspector *self = LK_INSPECTOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  if (self->character != NULL)
    g_signal_handlers_disconnect_by_func (self->character, character_changed_cb, self);
  g_clear_object (&self->catalog);
  g_clear_object (&self->generator);
  g_clear_object (&self->character);
  g_clear_object (&self->resolution);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_INSPECTOR);
  /* Both went with content_box. */
  self->preflight_group = NULL;
  self->reference_strip = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_inspector_parent_class)->dispose (object);
}

static void
lk_inspector_finalize (GObject *object)
{
  LkInspector *self = LK_INSPECTOR (object);

  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_inspector_parent_class)->finalize (object);
}

static void
lk_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkInspector *self = LK_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    case PROP_RESOLUTION:
      g_value_set_object (value, self->resolution);
      break;

    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkInspector *self = LK_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      lk_inspector_set_catalog (self, g_value_get_object (value));
      break;

    case PROP_CHARACTER:
      lk_inspector_set_character (self, g_value_get_object (value));
      break;

    case PROP_GENERATOR:
      lk_inspector_set_generator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_inspector_class_init (LkInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_inspector_dispose;
  object_class->finalize = lk_inspector_finalize;
  object_class->get_property = lk_inspector_get_property;
  object_class->set_property = lk_inspector_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LK_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLUTION] =
    g_param_spec_object ("resolution", NULL, NULL, LK_TYPE_RESOLUTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATOR] =
    g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_LORA_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, LkInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, avatar);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, name_label);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, project_label);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, description_label);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, content_box);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, profile_row);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, checkpoint_row);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, template_row);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, strength_row);
  gtk_widget_class_bind_template_child (widget_class, LkInspector, lora_card);

  gtk_widget_class_install_action (widget_class, "inspector.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "inspector.validate", NULL, validate_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkinspector");
}

static void
lk_inspector_init (LkInspector *self)
{
  self->warning_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  lk_stack_show_page (self->stack, "empty");
  update_train_action (self);
  update_validate_action (self);
}
