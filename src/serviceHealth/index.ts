export { createIncidentService, type Incident, incidentInputSchema, type IncidentService, incidentUpdateSchema } from './incidents.js';
export { seedSampleIncidents } from './sampleIncidents.js';
