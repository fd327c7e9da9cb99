-- A card's link can show more than the crisis plan: the sections the person chose for the
-- organisation it is for (a GP surgery, a social worker), as a comma-separated list.
ALTER TABLE crisis_cards ADD COLUMN sections TEXT NOT NULL DEFAULT 'crisis';
