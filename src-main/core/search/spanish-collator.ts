/**
 * The one order for names people read (titles, facet labels, archive names): Spanish, without
 * regard to case or accents, numbers by value ("Carta 2" before "Carta 10"). One instance,
 * shared, so every list sorts alike and the collator is built once.
 */
export const spanishCollator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
