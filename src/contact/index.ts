export { type Checked, checkEmail, checkName, checkPhone, formatPhone, phoneCountry } from './contactDetails.js';
