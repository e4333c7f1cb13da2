/* lk-reference-image.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-reference-image"

#include "config.h"

#include "lk-reference-image.h"
#include "lk-util.h"

struct _LkReferenceImage
{
  GObject          parent_instance;

  /* Owned */
  char            *path;
  char            *caption;
  char            *content_hash;

  gint64           id;
  gint64           character_id;
  LkReferenceRole  role;
  int              position;
  int              width;
  int              height;
};

G_DEFINE_FINAL_TYPE (LkReferenceImage, lk_reference_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHARACTER_ID,
  PROP_PATH,
  PROP_ROLE,
  PROP_CAPTION,
  PROP_POSITION,
  PROP_CONTENT_HASH,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue role_values[] = {
  { LK_REFERENCE_ROLE_REFERENCE_SHEET, "LK_REFERENCE_ROLE_REFERENCE_SHEET", "reference-sheet" },
  { LK_REFERENCE_ROLE_TRAINING_IMAGE, "LK_REFERENCE_ROLE_TRAINING_IMAGE", "training-image" },
  { 0, NULL, NULL },
};

GType
lk_reference_role_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("LkReferenceRole", role_values));

  return type_id;
}

const char *
lk_reference_role_to_string (LkReferenceRole role)
{
  return role == LK_REFERENCE_ROLE_TRAINING_IMAGE ? "training-image" : "reference-sheet";
}

gboolean
lk_reference_role_from_string (const char      *text,
                               LkReferenceRole *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (g_strcmp0 (text, "reference-sheet") == 0 || g_strcmp0 (text, "sheet") == 0)
    *role = LK_REFERENCE_ROLE_REFERENCE_SHEET;
  else if (g_strcmp0 (text, "training-image") == 0 || g_strcmp0 (text, "training") == 0)
    *role = LK_REFERENCE_ROLE_TRAINING_IMAGE;
  else
    return FALSE;

  return TRUE;
}

static void
lk_reference_image_finalize (GObject *object)
{
  LkReferenceImage *self = (LkReferenceImage *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->content_hash, g_free);

  G_OBJECT_CLASS (lk_reference_image_parent_class)->finalize (object);
}

static void
lk_reference_image_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkReferenceImage *self = LK_REFERENCE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CHARACTER_ID:
      g_value_set_int64 (value, self->character_id);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_CONTENT_HASH:
      g_value_set_string (value, self->content_hash);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_reference_image_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkReferenceImage *self = LK_REFERENCE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      lk_reference_image_set_caption (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_reference_image_class_init (LkReferenceImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_reference_image_finalize;
  object_class->get_property = lk_reference_image_get_property;
  object_class->set_property = lk_reference_image_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CHARACTER_ID] =
    g_param_spec_int64 ("character-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, LK_TYPE_REFERENCE_ROLE,
                                             LK_REFERENCE_ROLE_REFERENCE_SHEET, ro);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_CONTENT_HASH] = g_param_spec_string ("content-hash", NULL, NULL, NULL, ro);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 0, G_MAXINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_reference_image_init (LkReferenceImage *self)
{
}

LkReferenceImage *
lk_reference_image_new (gint64           id,
                        gint64           character_id,
                        const char      *path,
                        LkReferenceRole  role,
                        const char      *caption,
                        int              position,
                        const char      *content_hash,
                        int              width,
                        int              height)
{
  LkReferenceImage *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LK_TYPE_REFERENCE_IMAGE, NULL);
  self->id = id;
  self->character_id = character_id;
  self->path = g_strdup (path);
  self->role = role;
  self->caption = g_strdup (caption);
  self->position = MAX (position, 0);
  self->content_hash = g_strdup (content_hash);
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);

  return self;
}

gint64
lk_reference_image_get_id (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), 0);

  return self->id;
}

gint64
lk_reference_image_get_character_id (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), 0);

  return self->character_id;
}

const char *
lk_reference_image_get_path (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), NULL);

  return self->path;
}

LkReferenceRole
lk_reference_image_get_role (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), LK_REFERENCE_ROLE_REFERENCE_SHEET);

  return self->role;
}

const char *
lk_reference_image_get_caption (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), NULL);

  return self->caption;
}

void
lk_reference_image_set_caption (LkReferenceImage *self,
                                const char       *caption)
{
  g_return_if_fail (LK_IS_REFERENCE_IMAGE (self));

  if (lk_set_str (&self->caption, caption))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

int
lk_reference_image_get_position (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), 0);

  return self->position;
}

const char *
lk_reference_image_get_content_hash (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), NULL);

  return self->content_hash;
}

int
lk_reference_image_get_width (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), 0);

  return self->width;
}

int
lk_reference_image_get_height (LkReferenceImage *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (self), 0);

  return self->height;
}
