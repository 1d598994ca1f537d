/**
 * PLACEHOLDER — hand-written from the API brief until the server runs.
 * Overwrite with the generated file: `npm run gen:api` (or
 * `npx openapi-typescript http://127.0.0.1:PORT/api/openapi.json -o src/web/api/schema.d.ts`).
 */

type Json<T> = { content: { 'application/json': T } };
type Err = Json<components['schemas']['Error']>;
type Page<T> = { items: T[]; next: string | null };

export interface components {
  schemas: {
    Error: { error: { code: string; message: string; details?: { field?: string; message: string; row?: number; column?: string }[] } };
    Me: {
      username: string;
      role: 'province' | 'prefecture' | 'county' | 'agency_admin' | 'agency_staff' | 'employer' | 'seeker';
      scope: string;
      displayName: string;
      divisionCode: string | null;
      agencyId?: number;
      employerId?: number;
    };
    Division: { code: string; name: string; level: 'province' | 'prefecture' | 'county'; parentCode: string | null };
    Agency: {
      id: number;
      name: string;
      divisionCode: string;
      divisionName: string;
      kind: 'public' | 'commercial';
      licenceNo: string;
      creditCode: string;
      address: string;
      responsiblePerson: string;
      responsiblePhone: string;
      status: 'active' | 'suspended' | 'closed';
      staffCount: number;
      createdAt: string;
    };
    Staff: { id: number; agencyId: number; name: string; phone: string; idNumber: string; position: string; status: 'active' | 'left'; createdAt: string };
    Employer: {
      id: number;
      name: string;
      creditCode: string;
      divisionCode: string;
      divisionName: string;
      industryCode: string;
      industryName: string;
      contactName: string;
      contactPhone: string;
      address: string;
      epidemicSuppliesProducer: boolean;
      status: 'active' | 'suspended' | 'closed';
      createdAt: string;
    };
    CodeItem: { code: string; name: string };
  };
}

type S = components['schemas'];

export interface paths {
  '/api/v1/auth/login': {
    post: {
      requestBody: Json<{ username: string; password: string }>;
      responses: { 200: Json<S['Me']>; 401: Err; 423: Err };
    };
  };
  '/api/v1/auth/sms-code': {
    post: { requestBody: Json<{ phone: string }>; responses: { 202: { content?: never }; 400: Err; 429: Err } };
  };
  '/api/v1/auth/sms-login': {
    post: { requestBody: Json<{ phone: string; code: string }>; responses: { 200: Json<S['Me']>; 401: Err } };
  };
  '/api/v1/auth/logout': { post: { responses: { 204: { content?: never } } } };
  '/api/v1/me': { get: { responses: { 200: Json<S['Me']>; 401: Err } } };
  '/api/v1/divisions': {
    get: { parameters: { query?: { parent?: string } }; responses: { 200: Json<Page<S['Division']>> } };
  };
  '/api/v1/agencies': {
    get: {
      parameters: { query?: { limit?: number; cursor?: string; q?: string; kind?: 'public' | 'commercial'; status?: 'active' | 'suspended' | 'closed'; division?: string } };
      responses: { 200: Json<Page<S['Agency']>> };
    };
    post: {
      requestBody: Json<{
        name: string;
        kind: 'public' | 'commercial';
        licenceNo: string;
        creditCode: string;
        divisionCode: string;
        address: string;
        responsiblePerson: string;
        responsiblePhone: string;
      }>;
      responses: { 201: Json<S['Agency']>; 400: Err; 403: Err };
    };
  };
  '/api/v1/agencies/{id}': {
    get: { parameters: { path: { id: number } }; responses: { 200: Json<S['Agency']>; 404: Err } };
    patch: {
      parameters: { path: { id: number } };
      requestBody: Json<{ status?: 'active' | 'suspended' | 'closed'; address?: string; responsiblePerson?: string; responsiblePhone?: string }>;
      responses: { 200: Json<S['Agency']>; 400: Err; 403: Err; 404: Err };
    };
  };
  '/api/v1/agencies/{id}/staff': {
    get: {
      parameters: { path: { id: number }; query?: { limit?: number; cursor?: string } };
      responses: { 200: Json<Page<S['Staff']>> };
    };
    post: {
      parameters: { path: { id: number } };
      requestBody: Json<{ name: string; phone: string; idNumber: string; position: string }>;
      responses: { 201: Json<S['Staff']>; 400: Err };
    };
  };
  '/api/v1/employers': {
    get: {
      parameters: { query?: { limit?: number; cursor?: string; q?: string; division?: string; epidemicSuppliesProducer?: 'true' | 'false' } };
      responses: { 200: Json<Page<S['Employer']>> };
    };
  };
  '/api/v1/employers/{id}': {
    get: { parameters: { path: { id: number } }; responses: { 200: Json<S['Employer']>; 404: Err } };
  };
}
