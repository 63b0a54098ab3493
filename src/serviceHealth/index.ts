export { createIncidentService, type Incident, type IncidentInput, incidentInputSchema, type IncidentService, incidentUpdateSchema } from './incidents.js';
export { matchIncident, matchIncidents, type IncidentMatch, type IncidentQuery } from './incidentMatching.js';
export { seedSampleIncidents } from './sampleIncidents.js';
