/**
 * One territory by id ("region:32", "department:80", "epci:248000747", "commune:80016"), with its
 * parents, children and actors when the selection asks for them (one query; see src/actors/find.ts).
 *
 *   await findTerritory(db, 'commune:80016', EMPTY_PLAN)   // { id: 'commune:80016', level: 'COMMUNE', name: 'Albert', ... }
 */
export { findTerritory } from '../actors/find.ts';
