export { type Checked, checkEmail, checkName, checkPhone, formatPhone, phoneCountry, type PhoneCountryHints } from './contactDetails.js';
