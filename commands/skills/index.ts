/**
 * The skill vocabulary every feature shares: a taxonomy of creative and freelance skills, normalisation of what
 * members type ("photos", "photographer" → photography, the specific term kept), fuzzy "did you mean". Introductions
 * store skills with it, matching scores with it, feedback and mentorship route with it.
 */
export * from './vocabulary.ts';
export * from './taxonomy.ts';
export * from './fuzzy.ts';
export * from './skill-text.ts';
export * from './did-you-mean.ts';
export * from './in-text.ts';
