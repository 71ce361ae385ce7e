import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  NumberInput,
  PasswordInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
} from 'react-admin';

// Reference data is never deleted here (cases and the audit trail point at it): deactivate instead.
const saveOnly = (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** The unit picker of every form that binds something to a unit. */
export const unitPicker = (
  <ReferenceInput source="unitCode" reference="units" perPage={20}>
    <AutocompleteInput
      label="caunoi.field.unitCode"
      optionText="label"
      validate={required()}
      filterToQuery={(q: string) => ({ q })}
      fullWidth
    />
  </ReferenceInput>
);
// SelectInput translates `name` as a message key.
const kinds = ['holiday', 'workingDay'].map((k) => ({ id: k, name: `caunoi.dayKind.${k}` }));
const roles = ['officer', 'supervisor', 'govOffice', 'admin'].map((r) => ({ id: r, name: `caunoi.role.${r}` }));
const languages = [
  { id: 'vi', name: 'Tiếng Việt' },
  { id: 'en', name: 'English' },
];

function CalendarDayFields({ creating }: { creating?: boolean }) {
  return (
    <SimpleForm toolbar={saveOnly}>
      <TextInput source="date" validate={required()} disabled={!creating} helperText="YYYY-MM-DD" />
      <SelectInput source="kind" choices={kinds} validate={required()} />
      <TextInput source="name" validate={required()} fullWidth />
      <BooleanInput source="active" defaultValue />
      <BooleanInput source="verified" />
      <TextInput source="source" validate={required()} fullWidth multiline />
      <TextInput source="sourceEn" fullWidth multiline />
    </SimpleForm>
  );
}
export const CalendarDayEdit = () => (
  <Edit resource="calendar-days" mutationMode="pessimistic">
    <CalendarDayFields />
  </Edit>
);
export const CalendarDayCreate = () => (
  <Create resource="calendar-days">
    <CalendarDayFields creating />
  </Create>
);

export const SlaRuleEdit = () => (
  <Edit resource="sla-rules" mutationMode="pessimistic">
    <SimpleForm toolbar={saveOnly}>
      <TextInput source="code" disabled />
      <NumberInput source="amount" validate={required()} />
      <NumberInput source="remoteAreaAmount" />
      <NumberInput source="maxExtensions" validate={required()} />
      <TextInput source="effectiveTo" helperText="YYYY-MM-DD" />
      <BooleanInput source="verified" />
      <TextInput source="source" validate={required()} fullWidth multiline />
      <TextInput source="sourceEn" fullWidth multiline />
    </SimpleForm>
  </Edit>
);

function UserFields({ creating }: { creating?: boolean }) {
  return (
    <SimpleForm toolbar={saveOnly}>
      <TextInput source="email" type="email" validate={required()} disabled={!creating} />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roles} validate={required()} />
      {unitPicker}
      <SelectInput source="language" choices={languages} defaultValue="vi" />
      {!creating && <BooleanInput source="active" />}
      <PasswordInput source="password" validate={creating ? required() : undefined} />
    </SimpleForm>
  );
}
export const UserEdit = () => (
  <Edit resource="users" mutationMode="pessimistic">
    <UserFields />
  </Edit>
);
export const UserCreate = () => (
  <Create resource="users">
    <UserFields creating />
  </Create>
);

function ZaloOaFields({ creating }: { creating?: boolean }) {
  return (
    <SimpleForm toolbar={saveOnly}>
      <TextInput source="oaId" validate={required()} disabled={!creating} />
      <TextInput source="name" validate={required()} />
      {unitPicker}
      <TextInput source="appId" validate={required()} />
      <PasswordInput source="oaSecretKey" validate={creating ? required() : undefined} />
      <PasswordInput source="appSecret" validate={creating ? required() : undefined} />
      <PasswordInput source="refreshToken" />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}
export const ZaloOaEdit = () => (
  <Edit resource="zalo-oas" mutationMode="pessimistic">
    <ZaloOaFields />
  </Edit>
);
export const ZaloOaCreate = () => (
  <Create resource="zalo-oas">
    <ZaloOaFields creating />
  </Create>
);

export const CategoryEdit = () => (
  <Edit resource="categories" mutationMode="pessimistic">
    <SimpleForm toolbar={saveOnly}>
      <TextInput source="code" disabled />
      <TextInput source="nameVi" validate={required()} fullWidth />
      <TextInput source="nameEn" validate={required()} fullWidth />
      <ReferenceInput source="responsibleUnit" reference="units" perPage={20}>
        <AutocompleteInput optionText="label" filterToQuery={(q: string) => ({ q })} fullWidth />
      </ReferenceInput>
      <SelectInput
        source="defaultLevel"
        choices={['ministry', 'province', 'commune'].map((l) => ({ id: l, name: `caunoi.level.${l}` }))}
      />
      <NumberInput source="suggestionThreshold" min={0.5} max={1} step={0.05} />
      <BooleanInput source="answerApproval" />
      <BooleanInput source="active" />
    </SimpleForm>
  </Edit>
);
